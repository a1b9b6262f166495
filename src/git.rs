//! Source history: what git knows about a content file (its last commit, how many commits a
//! translation is behind), and the source hash used where there is no git or no commit.
//!
//! Git is asked through its command line (`git log`, `git rev-parse`, `git rev-list`,
//! `git cat-file`), read only. Without git, or outside a repository, every question answers
//! "unknown" and callers fall back to comparing hashes.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

/// The hash recorded in `polyref-source-hash`: git's blob id of the text (SHA-1 of
/// `blob <length>\0<bytes>`), so that `git hash-object <file>` prints the same value for a file
/// saved as UTF-8 with LF line endings.
pub fn source_hash(text: &str) -> String {
    let mut h = sha1_smol::Sha1::new();
    h.update(format!("blob {}\0", text.len()).as_bytes());
    h.update(text.as_bytes());
    h.digest().to_string()
}

/// Whether `s` has the form of a commit id: 7 to 40 hexadecimal digits (an abbreviated or full
/// SHA-1), or 64 (SHA-256 repositories).
pub fn looks_like_commit(s: &str) -> bool {
    ((7..=40).contains(&s.len()) || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A commit, as much as the dashboard shows of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Commit {
    pub id: String,
    /// The committer date, `YYYY-MM-DD`.
    pub date: String,
}

impl Commit {
    /// The first 10 digits, as people quote commits.
    pub fn short(&self) -> &str {
        &self.id[..self.id.len().min(10)]
    }
}

/// A git work tree holding the project, or nothing.
#[derive(Debug, Clone)]
pub struct Repo {
    top: PathBuf,
    shallow: bool,
}

impl Repo {
    /// The repository `dir` is in, if git is installed and `dir` is inside a work tree.
    pub fn discover(dir: &Path) -> Option<Repo> {
        // One process for both: the work tree's top, then `true` or `false`.
        let out = git(dir, &["rev-parse", "--show-toplevel", "--is-shallow-repository"])?;
        let mut lines = out.lines();
        let top = PathBuf::from(lines.next()?.trim());
        let shallow = lines.next().is_some_and(|l| l.trim() == "true");
        top.is_dir().then_some(Repo { top, shallow })
    }

    /// Whether this clone holds only the recent part of the history (`git clone --depth`):
    /// older commits a translation records are not in it.
    pub fn is_shallow(&self) -> bool {
        self.shallow
    }

    /// The last commit that changed `file` (in HEAD's history), if it was ever committed.
    pub fn last_change(&self, file: &Path) -> Option<Commit> {
        let out = git(&self.top, &["log", "-1", "--format=%H %cs", "--", &path_arg(file)])?;
        parse_commit_line(out.trim())
    }

    /// The full id of `rev` if it names a commit of this repository.
    pub fn resolve(&self, rev: &str) -> Option<Commit> {
        if !looks_like_commit(rev) {
            return None;
        }
        let out = git(&self.top, &["log", "-1", "--format=%H %cs", &format!("{rev}^{{commit}}"), "--"])?;
        parse_commit_line(out.trim())
    }

    /// What each of `revs` names, asked in one `git cat-file --batch-check` rather than one
    /// process each: a commit (its full id), or nothing. Revisions naming another kind of object,
    /// or an ambiguous abbreviation, are left out: [`Repo::resolve`] answers for them.
    pub fn look_up(&self, revs: &[&str]) -> Option<HashMap<String, Named>> {
        let input: String = revs.iter().map(|r| format!("{r}\n")).collect();
        let out = git_with_input(&self.top, &["cat-file", "--batch-check", "--buffer"], input)?;
        // One line per question: `<id> <type> <size>`, `<question> missing` or `… ambiguous`.
        let answers = out.lines().map(|l| match l.split(' ').collect::<Vec<_>>().as_slice() {
            [id, "commit", _] if looks_like_commit(id) => Some(Named::Commit(id.to_string())),
            [_, "missing"] => Some(Named::Nothing),
            _ => None,
        });
        Some(revs.iter().zip(answers).filter_map(|(r, a)| Some((r.to_string(), a?))).collect())
    }

    /// Every commit in the history of a branch, tag or other ref, or in a reflog.
    pub fn all_commits(&self) -> Option<HashSet<String>> {
        let out = git(&self.top, &["rev-list", "--all", "--reflog"])?;
        Some(out.lines().map(str::to_string).collect())
    }

    /// Commits in HEAD's history, not in `since`'s, that changed `file`: every such commit on
    /// every line of history merged since, not the merges themselves (`--full-history
    /// --no-merges`).
    pub fn commits_since(&self, since: &str, file: &Path) -> Option<usize> {
        let range = format!("{since}..HEAD");
        let out =
            git(&self.top, &["rev-list", "--count", "--full-history", "--no-merges", &range, "--", &path_arg(file)])?;
        out.trim().parse().ok()
    }

    /// How many commits changed `file` after the newest commit at which its content had blob id
    /// `hash`; `None` if no commit of HEAD's history had that content.
    pub fn commits_since_blob(&self, hash: &str, file: &Path) -> Option<usize> {
        let out = git(
            &self.top,
            &["log", "--format=commit %H", "--raw", "--no-abbrev", "--no-renames", "--", &path_arg(file)],
        )?;
        let mut seen = 0;
        for line in out.lines() {
            if line.starts_with("commit ") {
                seen += 1;
            } else if let Some((_, new_blob)) = raw_change(line)
                && new_blob.eq_ignore_ascii_case(hash)
            {
                return Some(seen - 1);
            }
        }
        None
    }

    /// Whether `file` differs from its committed version (or was never committed).
    pub fn is_modified(&self, file: &Path) -> bool {
        git(&self.top, &["status", "--porcelain", "--", &path_arg(file)]).is_some_and(|s| !s.trim().is_empty())
    }
}

/// A commit that changed a file, in [`History`].
#[derive(Debug)]
struct Change {
    /// The commit's place in HEAD's history.
    place: usize,
    /// The file's blob id after the commit (zeros if the commit removed it).
    blob: Box<str>,
}

/// What a recorded commit id names in the repository (see [`Repo::look_up`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// A commit, by its full id.
    Commit(String),
    /// No object at all.
    Nothing,
}

/// What git knows of every file below a folder, asked in three commands rather than two per file
/// (a reference has thousands of pages; a process per question would dominate the build).
#[derive(Debug, Default)]
pub struct History {
    /// The last commit that changed each file, by absolute path.
    last: HashMap<PathBuf, Commit>,
    /// Files that differ from their committed version or were never committed.
    modified: HashSet<PathBuf>,
    /// Each commit of HEAD's history by full id: its place in `git rev-list HEAD`, newest first
    /// (0 is HEAD).
    commits: HashMap<String, usize>,
    /// The places of each commit's parents, by place. Empty when no commit has two parents: a
    /// commit's history is then every place after its own.
    parents: Vec<Vec<usize>>,
    /// The commits that changed each file, merges aside, in ascending order of place.
    changes: HashMap<PathBuf, Vec<Change>>,
    /// In a history with merges: which places are in the history of a commit (one bit each), by
    /// the commit's place, made when first asked.
    reachable: Mutex<HashMap<usize, Arc<Vec<u64>>>>,
    /// What the commits recorded by translations name (see [`History::look_up`]).
    recorded: HashMap<String, Named>,
    /// Counts asked of git, by full commit id and file: a page's translations often record the
    /// same commit.
    counted: Mutex<HashMap<(String, PathBuf), Option<usize>>>,
    /// The folder asked about, as given (made absolute) and with its symbolic links resolved.
    dir: (PathBuf, PathBuf),
}

impl Repo {
    /// The history of the files below `dir`: `git rev-list --parents HEAD`, `git log --raw` and
    /// `git status` once each, and in a history with merges one more `git log`.
    pub fn history(&self, dir: &Path) -> History {
        let dir = path_arg(dir);
        let mut history = History { dir: (PathBuf::from(&dir), real_path(Path::new(&dir))), ..History::default() };
        let log = ["-c", "core.quotePath=false", "log", "--format=%x01%H %cs", "--raw", "--no-abbrev", "--no-renames"];
        // HEAD's history with each commit's parents, newest first.
        let mut merges = false;
        if let Some(out) = git(&self.top, &["rev-list", "--parents", "HEAD"]) {
            for (place, l) in out.lines().enumerate() {
                history.commits.insert(l.split(' ').next().unwrap_or_default().to_string(), place);
            }
            // `<id> <parent> <parent>`: a merge.
            merges = out.lines().any(|l| l.split(' ').nth(2).is_some());
            if merges {
                let place = |id: &str| history.commits.get(id).copied();
                history.parents = out.lines().map(|l| l.split(' ').skip(1).filter_map(place).collect()).collect();
            }
        }
        if let Some(out) = git(&self.top, &[&log[..], &["--", &dir]].concat()) {
            let mut commit = None;
            let mut place = None;
            for line in out.lines() {
                if let Some(c) = line.strip_prefix('\u{1}') {
                    commit = parse_commit_line(c);
                    place = commit.as_ref().and_then(|c| history.commits.get(&c.id).copied()).filter(|_| !merges);
                } else if let (Some((file, blob)), Some(c)) = (raw_change(line), &commit) {
                    let path = self.top.join(file);
                    if let Some(place) = place {
                        history.changes.entry(path.clone()).or_default().push(Change { place, blob: blob.into() });
                    }
                    // Newest first: a file's first appearance is its last change.
                    history.last.entry(path).or_insert_with(|| c.clone());
                }
            }
        }
        // With merges, that log leaves out the lines of history a merge took nothing from for
        // the folder; the counts take every commit that changed a file (see `commits_since`).
        if merges
            && let Some(out) = git(&self.top, &[&log[..], &["--full-history", "--no-merges", "--", &dir]].concat())
        {
            let mut place = None;
            for line in out.lines() {
                if let Some(c) = line.strip_prefix('\u{1}') {
                    place = c.split(' ').next().and_then(|id| history.commits.get(id).copied());
                } else if let (Some((file, blob)), Some(place)) = (raw_change(line), place) {
                    history.changes.entry(self.top.join(file)).or_default().push(Change { place, blob: blob.into() });
                }
            }
            history.changes.values_mut().for_each(|changes| changes.sort_unstable_by_key(|c| c.place));
        }
        let status = ["status", "--porcelain", "-z", "--untracked-files=all", "--", &dir];
        if let Some(out) = git(&self.top, &status) {
            let mut entries = out.split('\0');
            while let Some(entry) = entries.next() {
                // `XY path`; a rename or copy is followed by its original path.
                let Some(path) = entry.get(3..).filter(|p| !p.is_empty()) else { continue };
                history.modified.insert(self.top.join(path));
                if entry.starts_with(['R', 'C']) {
                    entries.next();
                }
            }
        }
        history
    }
}

impl History {
    /// Like [`Repo::last_change`].
    pub fn last_change(&self, file: &Path) -> Option<Commit> {
        self.last.get(&self.real_path(file)).cloned()
    }

    /// Like [`Repo::is_modified`].
    pub fn is_modified(&self, file: &Path) -> bool {
        self.modified.contains(&self.real_path(file))
    }

    /// [`real_path`] of a file below the folder asked about, resolving the links of the folder
    /// alone: polyref never follows a symbolic link inside content/ (the load stage skips them),
    /// and resolving each path again took a system call per folder of it, for every page.
    fn real_path(&self, file: &Path) -> PathBuf {
        let (given, real) = &self.dir;
        match Path::new(&path_arg(file)).strip_prefix(given) {
            Ok(below) if !given.as_os_str().is_empty() => real.join(below),
            _ => real_path(file),
        }
    }

    /// Finds at once what the commits recorded by translations (`l10n.sourceCommit`) name,
    /// except the full ids the history already holds. A commit of another repository (MDN's
    /// translations record commits of MDN's English content) is then known to be unknown, and
    /// an abbreviated id known by its full one, without a git process per page.
    ///
    /// A full id is looked up among the commits of every branch, tag and reflog, listed once: git
    /// looks for an id it does not have in its pack folder again each time (0.4 s for 20,000 of
    /// them). A commit outside all of them is left to be collected as garbage and has no history
    /// to count along: it names nothing here. Abbreviated ids are asked of git in one
    /// `git cat-file`.
    pub fn look_up<'a>(&mut self, repo: &Repo, recorded: impl IntoIterator<Item = &'a str>) {
        let mut ask: Vec<&str> =
            recorded.into_iter().filter(|c| looks_like_commit(c) && !self.commits.contains_key(*c)).collect();
        ask.sort_unstable();
        ask.dedup();
        if ask.is_empty() {
            return;
        }
        let mut named = HashMap::new();
        // The length of a full id: 40 hex digits (SHA-1), 64 in a SHA-256 repository.
        let full = self.commits.keys().next().map_or(40, String::len);
        if ask.iter().any(|c| c.len() == full)
            && let Some(all) = repo.all_commits()
        {
            ask.retain(|c| {
                if c.len() != full {
                    return true;
                }
                let id = c.to_ascii_lowercase();
                named.insert(c.to_string(), if all.contains(&id) { Named::Commit(id) } else { Named::Nothing });
                false
            });
        }
        if !ask.is_empty()
            && let Some(answers) = repo.look_up(&ask)
        {
            named.extend(answers);
        }
        self.recorded = named;
    }

    /// Like [`Repo::resolve`] then [`Repo::commits_since`]: `None` when `since` names no commit,
    /// else the commits after it that changed `file` (`None` if git cannot count them). Answered
    /// from the history read once when the commit is in HEAD's history, else by git, once for
    /// each commit and file. A translated reference records a commit on each of thousands of
    /// pages; two git processes for each of them took longer than the rest of the build.
    pub fn commits_since(&self, repo: &Repo, since: &str, file: &Path) -> Option<Option<usize>> {
        let id = match self.recorded.get(since) {
            Some(Named::Nothing) => return None,
            Some(Named::Commit(id)) => id.clone(),
            None => match since.to_ascii_lowercase() {
                full if self.commits.contains_key(&full) => full,
                _ => repo.resolve(since)?.id,
            },
        };
        let path = self.real_path(file);
        if let Some(&place) = self.commits.get(&id) {
            return Some(Some(self.changes_after(place, &path)));
        }
        let key = (id, path);
        if let Some(&n) = self.counted.lock().expect("not poisoned").get(&key) {
            return Some(n);
        }
        let n = repo.commits_since(&key.0, file);
        self.counted.lock().expect("not poisoned").insert(key, n);
        Some(n)
    }

    /// Like [`Repo::commits_since_blob`]: the commits that changed `file` after the newest commit
    /// that gave it the content with blob id `hash` (`None` if none did); in a history with
    /// merges, after the one of those commits that leaves the fewest.
    pub fn commits_since_blob(&self, hash: &str, file: &Path) -> Option<usize> {
        let path = self.real_path(file);
        let changes = self.changes.get(&path)?;
        changes.iter().filter(|c| c.blob.eq_ignore_ascii_case(hash)).map(|c| self.changes_after(c.place, &path)).min()
    }

    /// How many commits outside the history of the commit at `place` changed the file at `path`
    /// (its real path).
    fn changes_after(&self, place: usize, path: &Path) -> usize {
        let changes = self.changes.get(path).map_or(&[][..], Vec::as_slice);
        if self.parents.is_empty() {
            // One line of commits: those before `place` are the ones after the commit.
            return changes.partition_point(|c| c.place < place);
        }
        let seen = self.reachable_from(place);
        changes.iter().filter(|c| seen[c.place / 64] & (1 << (c.place % 64)) == 0).count()
    }

    /// The places in the history of the commit at `place` (itself included), one bit each.
    /// Translations of a page usually record the same commit, so each is walked once.
    fn reachable_from(&self, place: usize) -> Arc<Vec<u64>> {
        if let Some(seen) = self.reachable.lock().expect("not poisoned").get(&place) {
            return Arc::clone(seen);
        }
        let mut seen = vec![0u64; self.parents.len().div_ceil(64)];
        let mut todo = vec![place];
        while let Some(p) = todo.pop() {
            if seen[p / 64] & (1 << (p % 64)) == 0 {
                seen[p / 64] |= 1 << (p % 64);
                todo.extend(&self.parents[p]);
            }
        }
        let seen = Arc::new(seen);
        self.reachable.lock().expect("not poisoned").insert(place, Arc::clone(&seen));
        seen
    }
}

/// `file` as git names it: absolute, symbolic links resolved (as in `--show-toplevel`).
fn real_path(file: &Path) -> PathBuf {
    let abs = PathBuf::from(path_arg(file));
    std::fs::canonicalize(&abs).unwrap_or(abs)
}

/// A line of `git log --raw --no-abbrev` (`:100644 100644 <old blob> <new blob> M\tpath`): the
/// path, and the file's blob id after the commit.
fn raw_change(line: &str) -> Option<(&str, &str)> {
    let (meta, path) = line.strip_prefix(':')?.split_once('\t')?;
    Some((path, meta.split(' ').nth(3)?))
}

fn parse_commit_line(line: &str) -> Option<Commit> {
    let (id, date) = line.split_once(' ')?;
    looks_like_commit(id).then(|| Commit { id: id.to_string(), date: date.to_string() })
}

/// An absolute path, so that git resolves it whatever its working folder.
fn path_arg(file: &Path) -> String {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(file)).unwrap_or_else(|_| file.to_path_buf())
    };
    abs.to_string_lossy().into_owned()
}

/// `git -C dir args…`, read only (no optional locks), in the C locale, its errors dropped.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("LC_ALL", "C")
        .stderr(std::process::Stdio::null());
    command
}

/// Runs `git -C dir args…`; its standard output when it succeeded.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = command(dir, args).stdin(std::process::Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Like [`git`], with `input` written to git's standard input.
fn git_with_input(dir: &Path, args: &[&str], input: String) -> Option<String> {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command(dir, args).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().ok()?;
    let mut stdin = child.stdin.take()?;
    // Written meanwhile: git answers as it reads, and a full pipe would stop both.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_hash_is_gits_blob_id() {
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(source_hash("hello\n"), "ce013625030ba8dba906f756967f9e9ca394464a");
        // The empty blob.
        assert_eq!(source_hash(""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }

    #[test]
    fn commit_ids_are_recognised_by_form() {
        assert!(looks_like_commit("3e543cdfe8dddfb4774a64bf3decdcbab42a4111"));
        assert!(looks_like_commit("3e543cd"));
        assert!(!looks_like_commit("3e54"));
        assert!(!looks_like_commit("main"));
        assert!(!looks_like_commit("3e543cdfe8dddfb4774a64bf3decdcbab42a4111z"));
        assert!(!looks_like_commit("HEAD~1"));
    }
}
