//! Small shared UI pieces.

pub mod announcer;
pub mod bucket_fields;
pub mod bucket_link;
pub mod confirm_endpoint;
pub mod copy_button;
pub mod format;
pub mod identity_link;
pub mod lang_switch;
pub mod theme_toggle;
pub mod use_demo;
