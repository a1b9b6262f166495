//! Structured data shared by all locales, rendered into pages.

pub mod close_codes;
pub mod example_call;
pub mod examples;
pub mod examples_html;
pub mod http_status;
mod layout;
mod table;

pub use table::{TABLE_ID, close_codes_table, code_summary};
