//! Small shared UI pieces.

pub mod format;
pub mod theme_toggle;
