//! Widgets shared by screens: form fields, the toast, the permission guard, the user chooser.

pub mod chart;
pub mod export;
pub mod file_drop;
pub mod form;
pub mod guard;
pub mod history;
pub mod lines;
pub mod link;
pub mod own_pin;
pub mod qr_scanner;
pub mod quarantine;
pub mod record_form;
pub mod signature;
pub mod toast;
pub mod underneath;
pub mod user_chooser;
pub mod virtual_list;
