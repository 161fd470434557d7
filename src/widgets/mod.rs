//! Small shared UI pieces.

pub mod bucket_link;
pub mod format;
pub mod theme_toggle;
