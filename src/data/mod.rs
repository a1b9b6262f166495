//! Structured data shared by all locales, rendered into pages.

pub mod close_codes;
mod table;

pub use table::close_codes_table;
