//! Load stage: walks `content/` and `i18n/`, reads every file, and hands the later stages
//! normalised text. The only stage that reads the content tree.
//!
//! Text is checked to be UTF-8 (an error points at the first bad byte), a UTF-8 BOM is dropped
//! and CRLF line endings become LF, so no later stage has to care.

use std::ffi::{OsStr, OsString};
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

impl ContentFile {
    /// The file's path as the site publishes it (in the JSON model and on the status pages): as
    /// in messages, relative to the project; for a content folder outside the project
    /// (`--content /elsewhere/content`), from that folder's name on (`content/en/…`), so that
    /// the output does not depend on where the content was.
    pub fn published_path(&self) -> String {
        let shown = &self.source.path;
        if !Path::new(shown).is_absolute() {
            return shown.clone();
        }
        // The content folder, the locale folder, the page's folders and the file.
        let keep = 3 + self.dir.split('/').filter(|part| !part.is_empty()).count();
        let start = shown.rmatch_indices(std::path::is_separator).nth(keep - 1).map_or(0, |(i, _)| i + 1);
        shown[start..].replace(std::path::is_separator, "/")
    }
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
    let bytes = std::fs::read(path).map_err(|e| cannot_read_file(display, e))?;
    decode(display, bytes)
}

fn cannot_read_file(display: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("read", format!("cannot read {display}: {e}")).at(Location::file(display))
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

/// The error for a project folder that is not there: the `what` folder (`content`, `messages`,
/// `templates`, also the error's code) at `dir`; the hint is to run polyref from the project
/// folder, `then` what else to do.
fn missing_folder(config: &Config, what: &'static str, dir: &Path, then: &str) -> Diagnostic {
    Diagnostic::error(what, format!("the {what} folder {} does not exist", display_path(config, dir)))
        .hint(format!("run polyref from the project folder, {then}"))
}

/// Walks and reads the content and message trees. Problems are collected, never fatal here.
pub fn load(config: &Config) -> (Loaded, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut data_paths = Vec::new();

    let content = &config.content_dir;
    if !content.is_dir() {
        diags.push(missing_folder(config, "content", content, "or pass --content DIR"));
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
            // `DE` or `es-ES` for a configured `de` or `es`.
            let meant = config.locales.iter().find(|l| {
                name.eq_ignore_ascii_case(l) || name.split(['-', '_']).next().is_some_and(|p| p.eq_ignore_ascii_case(l))
            });
            let hint = match meant {
                Some(l) => format!(
                    "the folder of locale `{l}` is named `{l}`, as in `locales` in polyref.toml: rename this one {}",
                    display_path(config, &content.join(l))
                ),
                None => {
                    format!("add \"{name}\" to `locales` in polyref.toml, or move the folder into a configured locale")
                }
            };
            diags.push(
                Diagnostic::error(
                    "locale",
                    format!("the folder {shown} is for locale `{name}`, which is not configured"),
                )
                .at(Location::file(shown))
                .hint(hint),
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

    // Without the messages folder every message is missing: that is one problem, reported once
    // here, and no language's messages are looked for.
    let i18n_found = config.i18n_dir.is_dir();
    if !i18n_found {
        diags.push(missing_folder(
            config,
            "messages",
            &config.i18n_dir,
            "which has i18n/ and templates/, or pass --root DIR",
        ));
    }
    let mut message_paths: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for locale in config.locales.iter().filter(|_| i18n_found) {
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

    if pages.is_empty() && content.is_dir() {
        diags.push(
            Diagnostic::warning(
                "content-empty",
                format!("the content folder {} has no pages: the site has none", display_path(config, content)),
            )
            .hint(format!(
                "a page is <content folder>/<locale>/<slug, lower-case>/index.md, e.g. {}/en/web/api/websocket/close/index.md",
                display_path(config, content)
            )),
        );
    }
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
    // Page files are read as the walk finds them, from their open folder.
    let is_page = |name: &OsStr| name.to_str().and_then(page_role).is_some();
    let (found, mut diags) = walk_tree(root, config, &is_page);
    let mut pages = Vec::new();
    for Found { path, bytes } in found {
        let file_name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let role = if let Some(role) = page_role(&file_name) {
            role
        } else if let Some(stem) = markdown_stem(&file_name) {
            diags.push(
                Diagnostic::warning(
                    "content-file",
                    format!("{} is not a page file and was skipped", display_path(config, &path)),
                )
                .at(Location::file(display_path(config, &path)))
                .hint(if stem.eq_ignore_ascii_case("index") {
                    "rename it `index.md`: a page is `index.md`, in small letters, in its own folder".to_string()
                } else {
                    "a page is `index.md` in its own folder; another source for it is `<name>.supplement.md` beside it"
                        .to_string()
                }),
            );
            continue;
        } else {
            continue;
        };
        let dir = path
            .parent()
            .and_then(|p| p.strip_prefix(root).ok())
            .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
            .unwrap_or_default();
        pages.push((path, bytes, dir, role));
    }
    let files = pages
        .into_par_iter()
        .map(|(path, bytes, dir, role)| {
            let shown = display_path(config, &path);
            let source = match bytes {
                Some(Ok(bytes)) => decode(&shown, bytes),
                Some(Err(e)) => Err(cannot_read_file(&shown, e)),
                None => read_text(&path, &shown),
            };
            source.map(|source| ContentFile { source, locale: locale.to_string(), dir, role })
        })
        .collect();
    (files, diags)
}

/// What a file of a locale folder is for its page, by its name; `None` for other files.
pub(crate) fn page_role(file_name: &str) -> Option<Role> {
    if file_name == "index.md" {
        return Some(Role::Primary);
    }
    file_name.strip_suffix(".supplement.md").map(|stem| Role::Supplement(stem.to_string()))
}

/// The name without its extension, for a file named like markdown (`.md`, `.markdown`, `.mdx`,
/// `.mkd`, in any case) that is not a page file: a page saved under another name.
fn markdown_stem(file_name: &str) -> Option<&str> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    ["md", "markdown", "mdx", "mkd"].iter().any(|e| ext.eq_ignore_ascii_case(e)).then_some(stem)
}

/// Files below `dir`, sorted, not following symbolic links out of the tree.
fn walk_files(dir: &Path, diags: &mut Vec<Diagnostic>, config: &Config) -> Vec<PathBuf> {
    let (files, d) = walk_tree(dir, config, &|_| false);
    diags.extend(d);
    files.into_iter().map(|f| f.path).collect()
}

/// A file found by [`walk_tree`], with its bytes when the walk was asked to read it.
struct Found {
    path: PathBuf,
    bytes: Option<std::io::Result<Vec<u8>>>,
}

/// Files below `dir` in name order, not following symbolic links; a file whose name `read`
/// accepts is read as it is found. Each subfolder is walked in parallel (a reference has tens of
/// thousands of page folders), the results kept in order.
fn walk_tree(dir: &Path, config: &Config, read: &(dyn Fn(&OsStr) -> bool + Sync)) -> (Vec<Found>, Vec<Diagnostic>) {
    match Folder::open(None, dir.to_path_buf()) {
        Ok(folder) => walk_folder(folder, config, read),
        Err(e) => (Vec::new(), vec![cannot_read(dir, e)]),
    }
}

fn cannot_read(dir: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("read", format!("cannot read {}: {e}", dir.display()))
}

fn walk_folder(
    mut folder: Folder,
    config: &Config,
    read: &(dyn Fn(&OsStr) -> bool + Sync),
) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut diags: Vec<Diagnostic> = folder.errors.drain(..).map(|e| cannot_read(&folder.path, e)).collect();
    let folder = &folder;
    let parts: Vec<(Vec<Found>, Vec<Diagnostic>)> = folder
        .entries
        .par_iter()
        .map(|(name, kind)| {
            let path = folder.path.join(name);
            match kind {
                Kind::File => {
                    let bytes = read(name).then(|| folder.read(name));
                    (vec![Found { path, bytes }], Vec::new())
                }
                Kind::Folder => match Folder::open(Some(folder), path) {
                    Ok(sub) => walk_folder(sub, config, read),
                    Err(e) => (Vec::new(), vec![cannot_read(&folder.path.join(name), e)]),
                },
                Kind::Link => (
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
                Kind::Other => (Vec::new(), Vec::new()),
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

/// What a folder entry is, without following a symbolic link.
#[derive(Debug, Clone, Copy)]
enum Kind {
    File,
    Folder,
    Link,
    Other,
}

/// A folder being walked, with its entries sorted by name. On Linux it holds the folder open,
/// and what is below it is opened relative to it: the kernel looks up one name instead of the
/// whole path again (a 30,000-page tree has 60,000 folders, each many levels deep).
struct Folder {
    path: PathBuf,
    entries: Vec<(OsString, Kind)>,
    /// Entries that could not be read (the others are still walked).
    errors: Vec<std::io::Error>,
    #[cfg(target_os = "linux")]
    dir: rustix::fs::Dir,
}

#[cfg(target_os = "linux")]
impl Folder {
    fn open(parent: Option<&Folder>, path: PathBuf) -> std::io::Result<Folder> {
        use rustix::fs::{AtFlags, CWD, Dir, FileType, Mode, OFlags, openat, statat};
        use std::os::unix::ffi::OsStrExt;
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = match parent {
            Some(p) => openat(p.dir.fd()?, path.file_name().unwrap_or_default(), flags, Mode::empty())?,
            None => openat(CWD, &path, flags, Mode::empty())?,
        };
        let mut dir = Dir::new(fd)?;
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        while let Some(entry) = dir.read() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(e.into());
                    break;
                }
            };
            let name = entry.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let name = OsStr::from_bytes(name).to_os_string();
            let file_type = match entry.file_type() {
                // Some file systems do not say in the listing.
                FileType::Unknown => match statat(dir.fd()?, name.as_os_str(), AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) => FileType::from_raw_mode(st.st_mode),
                    Err(e) => {
                        errors.push(e.into());
                        continue;
                    }
                },
                t => t,
            };
            let kind = match file_type {
                FileType::RegularFile => Kind::File,
                FileType::Directory => Kind::Folder,
                FileType::Symlink => Kind::Link,
                _ => Kind::Other,
            };
            entries.push((name, kind));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Folder { path, entries, errors, dir })
    }

    /// Reads the file `name` of this folder.
    fn read(&self, name: &OsStr) -> std::io::Result<Vec<u8>> {
        use rustix::fs::{Mode, OFlags, fstat, openat};
        let fd = openat(self.dir.fd()?, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
        let size = fstat(&fd)?.st_size.max(0) as usize;
        let mut bytes = Vec::with_capacity(size);
        if size == 0 {
            // A file that does not tell its size: read to its end.
            std::io::Read::read_to_end(&mut std::fs::File::from(fd), &mut bytes)?;
            return Ok(bytes);
        }
        // The file's size in as few reads as it takes (one, for a page); no further read to see
        // the end: a file that grows while it is read is read as it was.
        while bytes.len() < size {
            match rustix::io::read(&fd, rustix::buffer::spare_capacity(&mut bytes)) {
                Ok(0) => break,
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(bytes)
    }
}

#[cfg(not(target_os = "linux"))]
impl Folder {
    fn open(_parent: Option<&Folder>, path: PathBuf) -> std::io::Result<Folder> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for entry in std::fs::read_dir(&path)? {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let kind = match entry.file_type() {
                Ok(t) if t.is_file() => Kind::File,
                Ok(t) if t.is_dir() => Kind::Folder,
                Ok(t) if t.is_symlink() => Kind::Link,
                Ok(_) => Kind::Other,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            entries.push((entry.file_name(), kind));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Folder { path, entries, errors })
    }

    fn read(&self, name: &OsStr) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path.join(name))
    }
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
        diags.push(missing_folder(config, "templates", dir, "which has i18n/ and templates/, or pass --root DIR"));
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
    if templates.is_empty() {
        diags.push(
            Diagnostic::error(
                "templates",
                format!("the templates folder {} has no templates", display_path(config, dir)),
            )
            .hint("restore the project's templates/ folder (page.html, base.html, …), or pass --root DIR"),
        );
    }
    ((templates, assets), diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_reads_page_files_in_name_order_and_skips_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            ("b/index.md", "b"),
            ("a/z/index.md", "az"),
            ("a/index.md", "a"),
            ("a/notes.txt", "not read"),
            ("a/webplatform.supplement.md", "supplement"),
            ("c/index.md", ""),
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("b/index.md"), root.join("a/link.md")).unwrap();
        let config = Config::defaults(root);
        let is_md = |name: &OsStr| name.as_encoded_bytes().ends_with(b".md");
        let (found, diags) = walk_tree(root, &config, &is_md);
        let rel = |f: &Found| f.path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let listed: Vec<String> = found.iter().map(rel).collect();
        let pages =
            ["a/index.md", "a/notes.txt", "a/webplatform.supplement.md", "a/z/index.md", "b/index.md", "c/index.md"];
        assert_eq!(listed, pages);
        let read: Vec<Option<String>> =
            found.into_iter().map(|f| f.bytes.map(|b| String::from_utf8(b.unwrap()).unwrap())).collect();
        let some = |t: &str| Some(t.to_string());
        let expected = [some("a"), None, some("supplement"), some("az"), some("b"), some("")];
        assert_eq!(read, expected, "page files are read as they are found; notes.txt is not");
        if cfg!(unix) {
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert!(diags[0].message.contains("a/link.md is a symbolic link"), "{}", diags[0].message);
        }
    }

    #[test]
    fn markdown_files_that_are_not_page_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("de");
        for path in ["a/Index.md", "b/index.markdown", "c/notes.MD", "d/index.md", "d/notes.txt", "e/x.supplement.md"] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "---\ntitle: x\n---\n").unwrap();
        }
        let config = Config::defaults(dir.path());
        let (files, diags) = walk_locale(&root, "de", &config);
        assert_eq!(files.len(), 2, "index.md and the supplement are read");
        let skipped: Vec<(&str, bool)> = diags
            .iter()
            .map(|d| {
                assert_eq!(d.code, "content-file");
                let path = &d.location.as_ref().unwrap().path;
                (path.rsplit('/').next().unwrap(), d.hint.as_deref().unwrap().starts_with("rename it `index.md`"))
            })
            .collect();
        assert_eq!(skipped, [("Index.md", true), ("index.markdown", true), ("notes.MD", false)]);
    }

    #[test]
    fn a_content_folder_without_pages_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::defaults(dir.path());
        std::fs::create_dir_all(dir.path().join("content/en/web")).unwrap();
        let empty = |config: &Config| load(config).1.into_iter().filter(|d| d.code == "content-empty").count();
        assert_eq!(empty(&config), 1);
        std::fs::write(dir.path().join("content/en/web/index.md"), "---\ntitle: x\n---\n").unwrap();
        assert_eq!(empty(&config), 0);
    }

    #[test]
    fn a_missing_folder_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::defaults(dir.path());
        let (found, diags) = walk_tree(&dir.path().join("absent"), &config, &|_| true);
        assert!(found.is_empty());
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.starts_with("cannot read"), "{}", diags[0].message);
    }

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
