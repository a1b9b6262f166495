//! Load stage: walks `content/` and `i18n/`, reads every file, and hands the later stages
//! normalised text. The only stage that reads the content tree.
//!
//! Text is checked to be UTF-8 (an error points at the first bad byte), a UTF-8 BOM is dropped
//! and CRLF line endings become LF, so no later stage has to care.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diag::{Diagnostic, Location, Source, line_col};

/// What a markdown file is for its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// `index.md`: the file translators edit for this page and locale.
    Primary,
    /// `<name>.supplement.md`: another source for the same page and locale, shown attributed.
    Supplement(String),
}

/// A content page file, with where it sits in the tree.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub source: Source,
    /// The locale folder it is in (`content/<locale>/…`).
    pub locale: String,
    /// Its folder below the locale folder, with `/` separators (e.g. `web/api/websocket/close`).
    pub dir: String,
    pub role: Role,
}

/// Everything the later stages read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Page files, sorted by path.
    pub pages: Vec<ContentFile>,
    /// Files under `content/data/`, sorted by path.
    pub data: Vec<Source>,
    /// Fluent files per locale: (locale, sources sorted by path).
    pub messages: Vec<(String, Vec<Source>)>,
}

/// Reads a file as normalised UTF-8 text, or explains why it cannot.
pub fn read_text(path: &Path, display: &str) -> Result<Source, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error("read", format!("cannot read {display}: {e}")).at(Location::file(display)))?;
    decode(display, bytes)
}

/// Checks UTF-8, drops a BOM and normalises line endings.
pub fn decode(display: &str, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let (line, col) = line_col(prefix, prefix.len());
            return Err(Diagnostic::error(
                "encoding",
                format!("{display} is not valid UTF-8 (byte 0x{:02X})", bytes[good]),
            )
            .at(Location::bare(display, line, col))
            .hint("the file was probably saved as Latin-1 or Windows-1252; save it as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"));
        }
    };
    let bom = text.starts_with('\u{feff}');
    let text = match (bom, memchr::memchr(b'\r', text.as_bytes()).is_some()) {
        // The common case: the text is kept as read, without another copy.
        (false, false) => text,
        (true, false) => text['\u{feff}'.len_utf8()..].to_string(),
        (_, true) => text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n").replace('\r', "\n"),
    };
    Ok(Source::new(display, text))
}

/// A path relative to the project root, as shown in messages, with `/` separators.
pub fn display_path(config: &Config, path: &Path) -> String {
    match path.strip_prefix(&config.root) {
        Ok(rel) => rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
        // Outside the project (e.g. `--content /elsewhere`): the path as given.
        Err(_) => path.display().to_string(),
    }
}

/// Walks and reads the content and message trees. Problems are collected, never fatal here.
pub fn load(config: &Config) -> (Loaded, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut data_paths = Vec::new();

    let content = &config.content_dir;
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(
                "content",
                format!("the content folder {} does not exist", display_path(config, content)),
            )
            .hint("run polyref from the project folder, or pass --content DIR"),
        );
    }
    let mut locale_dirs: Vec<(PathBuf, String)> = Vec::new();
    for entry in WalkDir::new(content).min_depth(1).max_depth(1).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().to_string();
        let shown = display_path(config, entry.path());
        if !entry.file_type().is_dir() {
            continue; // README.md and other notes beside the locale folders
        }
        if name == "data" {
            for f in walk_files(entry.path(), &mut diags, config) {
                if f.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    data_paths.push(f);
                }
            }
            continue;
        }
        if !config.is_locale(&name) {
            diags.push(
                Diagnostic::error(
                    "locale",
                    format!("the folder {shown} is for locale `{name}`, which is not configured"),
                )
                .at(Location::file(shown))
                .hint(format!(
                    "add \"{name}\" to `locales` in polyref.toml, or move the folder into a configured locale"
                )),
            );
            continue;
        }
        locale_dirs.push((entry.into_path(), name));
    }
    // The locale folders are walked and their pages read in parallel; the results keep the
    // folders' order.
    let walked: Vec<_> = locale_dirs.par_iter().map(|(dir, locale)| walk_locale(dir, locale, config)).collect();
    let mut pages = Vec::new();
    for (files, d) in walked {
        pages.extend(files);
        diags.extend(d);
    }

    let mut message_paths: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for locale in &config.locales {
        let dir = config.i18n_dir.join(locale);
        let files = if dir.is_dir() {
            walk_files(&dir, &mut diags, config)
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect()
        } else {
            Vec::new()
        };
        message_paths.push((locale.clone(), files));
    }

    let read = |p: &PathBuf| read_text(p, &display_path(config, p));
    let data: Vec<_> = data_paths.par_iter().map(read).collect();

    let mut loaded = Loaded::default();
    for r in pages {
        match r {
            Ok(f) => loaded.pages.push(f),
            Err(d) => diags.push(d),
        }
    }
    for r in data {
        match r {
            Ok(s) => loaded.data.push(s),
            Err(d) => diags.push(d),
        }
    }
    for (locale, paths) in message_paths {
        let mut sources = Vec::new();
        for p in &paths {
            match read(p) {
                Ok(s) => sources.push(s),
                Err(d) => diags.push(d),
            }
        }
        loaded.messages.push((locale, sources));
    }
    (loaded, diags)
}

/// The page files of one locale folder, read.
fn walk_locale(root: &Path, locale: &str, config: &Config) -> (Vec<Result<ContentFile, Diagnostic>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut pages = Vec::new();
    for f in walk_files(root, &mut diags, config) {
        let file_name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let role = if file_name == "index.md" {
            Role::Primary
        } else if let Some(stem) = file_name.strip_suffix(".supplement.md") {
            Role::Supplement(stem.to_string())
        } else if file_name.ends_with(".md") {
            diags.push(
                Diagnostic::warning(
                    "content-file",
                    format!("{} is not a page file and was skipped", display_path(config, &f)),
                )
                .at(Location::file(display_path(config, &f)))
                .hint(
                    "a page is `index.md` in its own folder; another source for it is `<name>.supplement.md` beside it",
                ),
            );
            continue;
        } else {
            continue;
        };
        let dir = f
            .parent()
            .and_then(|p| p.strip_prefix(root).ok())
            .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
            .unwrap_or_default();
        pages.push((f, locale.to_string(), dir, role));
    }
    let files = pages
        .into_par_iter()
        .map(|(path, locale, dir, role)| {
            read_text(&path, &display_path(config, &path)).map(|source| ContentFile { source, locale, dir, role })
        })
        .collect();
    (files, diags)
}

/// Files below `dir`, sorted, not following symbolic links out of the tree.
fn walk_files(dir: &Path, diags: &mut Vec<Diagnostic>, config: &Config) -> Vec<PathBuf> {
    let (files, d) = walk_tree(dir, config);
    diags.extend(d);
    files
}

/// [`walk_files`] for one folder: its entries in name order, each subfolder walked in parallel
/// (a reference has tens of thousands of page folders), the results kept in that order.
fn walk_tree(dir: &Path, config: &Config) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let cannot = |e: std::io::Error| Diagnostic::error("read", format!("cannot read {}: {e}", dir.display()));
    let mut entries: Vec<std::fs::DirEntry> = Vec::new();
    let mut diags = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(list) => {
            for entry in list {
                match entry {
                    Ok(e) => entries.push(e),
                    Err(e) => diags.push(cannot(e)),
                }
            }
        }
        Err(e) => return (Vec::new(), vec![cannot(e)]),
    }
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let parts: Vec<(Vec<PathBuf>, Vec<Diagnostic>)> = entries
        .par_iter()
        .map(|e| {
            let path = e.path();
            // The entry's own type: a symbolic link is not followed.
            match e.file_type() {
                Ok(t) if t.is_file() => (vec![path], Vec::new()),
                Ok(t) if t.is_dir() => walk_tree(&path, config),
                Ok(t) if t.is_symlink() => (
                    Vec::new(),
                    vec![
                        Diagnostic::warning(
                            "symlink",
                            format!("{} is a symbolic link and was skipped", display_path(config, &path)),
                        )
                        .at(Location::file(display_path(config, &path)))
                        .hint("copy the file into content/ instead of linking to it"),
                    ],
                ),
                Ok(_) => (Vec::new(), Vec::new()),
                Err(e) => (Vec::new(), vec![cannot(e)]),
            }
        })
        .collect();
    let mut files = Vec::new();
    for (f, d) in parts {
        files.extend(f);
        diags.extend(d);
    }
    (files, diags)
}

/// The templates (named by their path below `templates/`) and the static files of
/// `templates/assets/` (copied to `site/assets/` as they are).
/// Templates by name, and static files by path below `templates/assets/`.
pub type Templates = (Vec<(String, Source)>, Vec<(String, Vec<u8>)>);

pub fn load_templates(config: &Config) -> (Templates, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut templates = Vec::new();
    let mut assets = Vec::new();
    let dir = &config.templates_dir;
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error(
                "templates",
                format!("the templates folder {} does not exist", display_path(config, dir)),
            )
            .hint("run polyref from the project folder, which has templates/"),
        );
        return ((templates, assets), diags);
    }
    let rel_name = |p: &Path, base: &Path| {
        p.strip_prefix(base)
            .unwrap_or(p)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    let assets_dir = dir.join("assets");
    for path in walk_files(dir, &mut diags, config) {
        if path.starts_with(&assets_dir) {
            match std::fs::read(&path) {
                Ok(bytes) => assets.push((rel_name(&path, &assets_dir), bytes)),
                Err(e) => {
                    diags.push(Diagnostic::error("read", format!("cannot read {}: {e}", display_path(config, &path))))
                }
            }
        } else if path.extension().is_some_and(|e| e == "html" || e == "xml") {
            match read_text(&path, &display_path(config, &path)) {
                Ok(s) => templates.push((rel_name(&path, dir), s)),
                Err(d) => diags.push(d),
            }
        }
    }
    ((templates, assets), diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let s = decode("a.md", b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n".to_vec()).unwrap();
        assert_eq!(&*s.text, "---\ntitle: x\n---\n");
        let bom_only = decode("a.md", b"\xEF\xBB\xBF---\ntitle: x\n---\n".to_vec()).unwrap();
        assert_eq!(&*bom_only.text, "---\ntitle: x\n---\n");
        let old_mac = decode("a.md", b"a\rb\n".to_vec()).unwrap();
        assert_eq!(&*old_mac.text, "a\nb\n");
    }

    #[test]
    fn invalid_utf8_points_at_the_first_bad_byte() {
        let d = decode("a.md", b"ok\nab\xFFc".to_vec()).unwrap_err();
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.col), (2, 3));
        assert!(d.message.contains("0xFF"));
    }
}
