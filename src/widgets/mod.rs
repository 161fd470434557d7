//! Small shared UI pieces.

pub mod theme_toggle;
