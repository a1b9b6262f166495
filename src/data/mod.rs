//! Structured data shared by all locales, rendered into pages.

pub mod close_codes;
mod table;

pub use table::{TABLE_ID, close_codes_table, code_summary};
