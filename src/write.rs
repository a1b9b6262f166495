//! Write stage: the only code that writes the site. A build writes into a temporary folder
//! beside the output folder and swaps it in only when everything succeeded, so a failed or
//! interrupted build leaves the previous site as it was.
//!
//! On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`: at every instant `site/` is
//! either the old or the new site. Elsewhere it is two renames, and a build interrupted between
//! them is repaired by the next one (the old site is put back before anything else happens).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file in the output folder that says polyref made it; a folder without it is never replaced.
pub const MARKER: &str = ".polyref-site";

/// An output folder being written.
#[derive(Debug)]
pub struct Writer {
    out: PathBuf,
    tmp: PathBuf,
    /// The site being replaced: a file whose bytes did not change is hard-linked from it rather
    /// than written again (on disk, writing is what costs).
    previous: Option<PathBuf>,
    /// Folders of `tmp` made so far (relative, `/`-separated), so that each is made with one
    /// call and never asked about again (a page's two files share a folder; thousands of pages
    /// share their parents).
    made: std::sync::Mutex<rustc_hash::FxHashSet<String>>,
    /// `tmp`, held open: files and folders are made relative to it, so the kernel looks up only
    /// their path inside the site, not the output folder's own path again for each of them.
    #[cfg(target_os = "linux")]
    tmp_fd: rustix::fd::OwnedFd,
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "site".into());
    out.with_file_name(format!(".{name}.polyref-{tag}"))
}

impl Writer {
    /// Starts a build of `out`. Refuses a non-empty folder that polyref did not create.
    pub fn begin(out: &Path) -> io::Result<Writer> {
        if out.exists() && !out.is_dir() {
            return Err(io::Error::other(format!("{} is a file, not a folder", out.display())));
        }
        if out.exists() && !out.join(MARKER).exists() && fs::read_dir(out)?.next().is_some() {
            return Err(io::Error::other(format!(
                "{} exists and was not made by polyref (it has no {MARKER} file); refusing to replace it",
                out.display()
            )));
        }
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        // An earlier build stopped between its two renames: the old site is complete, restore it.
        let old = sibling(out, "old");
        if !out.exists() && old.join(MARKER).exists() {
            fs::rename(&old, out)?;
        }
        // Leftovers of an interrupted build.
        for tag in ["tmp", "old"] {
            let stale = sibling(out, tag);
            if stale.exists() {
                fs::remove_dir_all(&stale)?;
            }
        }
        let tmp = sibling(out, "tmp");
        fs::create_dir_all(&tmp)?;
        let previous = out.join(MARKER).exists().then(|| out.to_path_buf());
        #[cfg(target_os = "linux")]
        let tmp_fd = {
            use rustix::fs::{CWD, Mode, OFlags, openat};
            openat(CWD, &tmp, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?
        };
        Ok(Writer {
            out: out.to_path_buf(),
            tmp,
            previous,
            made: Default::default(),
            #[cfg(target_os = "linux")]
            tmp_fd,
        })
    }

    /// Writes one file, `rel` being its `/`-separated path inside the site.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if let Some((dir, _)) = rel.rsplit_once('/') {
            self.make_dir(dir)?;
        }
        if let Some(prev) = &self.previous {
            let old = prev.join(rel);
            if holds(&old, bytes) && fs::hard_link(&old, self.tmp.join(rel)).is_ok() {
                return Ok(());
            }
        }
        self.create(rel, bytes)
    }

    /// Writes the new file `rel` of the temporary folder.
    #[cfg(target_os = "linux")]
    fn create(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        use rustix::fs::{Mode, OFlags, openat};
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
        let fd = openat(&self.tmp_fd, rel, flags, Mode::from_bits_truncate(0o666))?;
        io::Write::write_all(&mut fs::File::from(fd), bytes)
    }

    #[cfg(not(target_os = "linux"))]
    fn create(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.tmp.join(rel), bytes)
    }

    /// Makes the folder `rel` of the temporary folder and its missing parents, each once.
    fn make_dir(&self, rel: &str) -> io::Result<()> {
        if rel.is_empty() || self.made.lock().expect("not poisoned").contains(rel) {
            return Ok(());
        }
        if let Some((parent, _)) = rel.rsplit_once('/') {
            self.make_dir(parent)?;
        }
        match self.create_dir(rel) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
        self.made.lock().expect("not poisoned").insert(rel.to_string());
        Ok(())
    }

    #[cfg(target_os = "linux")]
    fn create_dir(&self, rel: &str) -> io::Result<()> {
        rustix::fs::mkdirat(&self.tmp_fd, rel, rustix::fs::Mode::from_bits_truncate(0o777)).map_err(io::Error::from)
    }

    #[cfg(not(target_os = "linux"))]
    fn create_dir(&self, rel: &str) -> io::Result<()> {
        fs::create_dir(self.tmp.join(rel))
    }

    /// Puts the new site in place of the old one.
    pub fn commit(self) -> io::Result<()> {
        fs::write(
            self.tmp.join(MARKER),
            b"This folder is written by polyref build; it is replaced whole on every build.\n",
        )?;
        if self.out.exists() && exchange(&self.tmp, &self.out).is_ok() {
            // `tmp` now holds the previous site.
            return fs::remove_dir_all(&self.tmp);
        }
        let old = sibling(&self.out, "old");
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &old)?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(e);
        }
        if had_old {
            fs::remove_dir_all(&old)?;
        }
        Ok(())
    }

    /// Drops the partial build; the previous site stays.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.tmp);
    }
}

/// Replaces one file of a finished site in place, for an incremental rebuild: nothing happens
/// when the file already holds `bytes`; otherwise they are written to a temporary file beside it
/// and renamed over it, so that a reader (the dev server) sees the old or the new file, never
/// half of one. Returns whether the file was written.
pub fn replace_file(out: &Path, rel: &str, bytes: &[u8]) -> io::Result<bool> {
    let path = out.join(rel);
    if holds(&path, bytes) {
        return Ok(false);
    }
    let parent = path.parent().unwrap_or(out);
    fs::create_dir_all(parent)?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = parent.join(format!(".{name}.polyref-tmp"));
    if let Err(e) = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, &path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(true)
}

/// Removes the file `rel` of a finished site, for an incremental rebuild that needs fewer files
/// than the build before it. Returns whether there was one.
pub fn remove_file(out: &Path, rel: &str) -> io::Result<bool> {
    match fs::remove_file(out.join(rel)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Whether the file at `path` holds exactly `bytes` (its size is compared first).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|b| b == bytes)
}

/// Swaps two directories atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no atomic exchange here"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site at `<temporary folder>/site` built with `files`, and the folder that holds it.
    fn site_with(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let w = Writer::begin(&out).unwrap();
        for (rel, bytes) in files {
            w.write(rel, bytes).unwrap();
        }
        w.commit().unwrap();
        (dir, out)
    }

    #[test]
    fn commit_replaces_and_abort_keeps_the_previous_site() {
        let (dir, out) = site_with(&[("a/index.html", b"one")]);
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");

        let w = Writer::begin(&out).unwrap();
        w.write("a/index.html", b"two").unwrap();
        w.abort();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary folder left");
    }

    #[test]
    fn an_interrupted_build_is_cleaned_up_and_the_old_site_kept() {
        let (dir, out) = site_with(&[("index.html", b"old")]);
        // Killed while writing: a partial temporary folder is left behind.
        let w = Writer::begin(&out).unwrap();
        w.write("index.html", b"partial").unwrap();
        std::mem::forget(w);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"old");
        // Killed between the two renames of the fallback swap: only the old folder exists.
        fs::rename(&out, sibling(&out, "old")).unwrap();
        let w = Writer::begin(&out).unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"old", "restored before the build");
        w.write("index.html", b"new").unwrap();
        w.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["site"], "no temporary folder left");
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_not_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let (_dir, out) = site_with(&[("same.html", b"same"), ("changed.html", b"one")]);
        let inode = fs::metadata(out.join("same.html")).unwrap().ino();
        let w = Writer::begin(&out).unwrap();
        w.write("same.html", b"same").unwrap();
        w.write("changed.html", b"two").unwrap();
        w.commit().unwrap();
        assert_eq!(fs::metadata(out.join("same.html")).unwrap().ino(), inode, "the same file, linked");
        assert_eq!(fs::read(out.join("changed.html")).unwrap(), b"two");
        assert_eq!(fs::read(out.join("same.html")).unwrap(), b"same");
    }

    #[test]
    fn replace_file_writes_only_changed_bytes_and_leaves_no_temporary_file() {
        let (_dir, out) = site_with(&[("a/index.html", b"one")]);
        assert!(!replace_file(&out, "a/index.html", b"one").unwrap(), "same bytes: not written");
        assert!(replace_file(&out, "a/index.html", b"two").unwrap());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(out.join("a")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["index.html"], "no temporary file left");
    }

    #[test]
    fn remove_file_says_whether_there_was_one() {
        let (dir, out) = site_with(&[("sitemap-2.xml", b"<urlset/>")]);
        assert!(remove_file(&out, "sitemap-2.xml").unwrap());
        assert!(!out.join("sitemap-2.xml").exists());
        assert!(!remove_file(&out, "sitemap-2.xml").unwrap(), "gone already");
        assert!(remove_file(&dir.path().join("elsewhere/x"), "y").is_ok_and(|removed| !removed));
    }

    #[test]
    fn refuses_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), b"x").unwrap();
        assert!(Writer::begin(&out).is_err());
        assert!(out.join("precious.txt").exists());
    }

    #[test]
    fn refuses_a_file_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::write(&out, b"x").unwrap();
        let Err(e) = Writer::begin(&out) else { panic!("a file is not replaced") };
        assert!(e.to_string().ends_with("site is a file, not a folder"), "{e}");
        assert_eq!(fs::read(&out).unwrap(), b"x");
    }
}
