//! polyref: a static-site builder for multilingual web-API reference documentation.
//!
//! A build runs these stages in order, each a module:
//!
//! 1. [`config`]: site settings from `polyref.toml`.
//! 2. [`load`]: walk `content/`, `i18n/` and `templates/`, read and normalise every file.
//! 3. [`dialect`]: each file's front matter (MDN, Jekyll-style w3api, WebPlatform) → `PageMeta`.
//! 4. [`model`]: one `Entity` per API page with a `Translation` per locale.
//! 5. [`data`]: structured data (the close-code registry), [`rules`]: the standard's close() rules.
//! 6. [`markdown`] with [`macros`]: bodies → HTML fragments, localized through [`i18n`]; js code
//!    blocks get class-based spans from [`highlight`].
//! 7. [`render`]: typed views through Tera templates → pages, their heads from [`head`]; each
//!    page's model as JSON beside it from [`json`].
//! 8. [`hosting`]: `404.html`, `.nojekyll`, and the [`sitemap`] with `robots.txt`.
//! 9. [`write`](mod@write): the site, swapped in atomically.
//!
//! [`diag`] carries the problems of every stage; [`front_matter`] is the one door to YAML;
//! [`timings`] prints each stage's time and memory when `POLYREF_TIMINGS=1` is set.
//!
//! The translators' commands build on these stages: [`check`] (with [`links`], [`lint`] and
//! [`messages`]), [`status`] (with [`git`]), [`serve`] (with [`incremental`]) and [`new_locale`].

// A Diagnostic carries its excerpt and hint; it is returned on the cold path only, so its size
// in a Result does not matter.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod config;
pub mod data;
pub mod diag;
pub mod dialect;
pub mod front_matter;
pub mod git;
pub mod head;
pub mod highlight;
pub mod hosting;
pub mod i18n;
pub mod incremental;
pub mod json;
pub mod links;
pub mod lint;
pub mod load;
pub mod macros;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod new_locale;
pub mod render;
pub mod rules;
pub mod sanitize;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod status;
pub mod timings;
pub mod write;

pub use site::{BuildOptions, Outcome, Prepared, RenderedSite, Summary, build, prepare, render_site};
