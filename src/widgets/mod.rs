//! Small shared UI pieces.

pub mod bucket_link;
pub mod confirm_endpoint;
pub mod format;
pub mod theme_toggle;
