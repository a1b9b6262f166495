//! Random edits: the real `content/`, `i18n/` and templates, with one to three edits of the kind a hurried
//! translator makes (a stray `{{`, a tab, a deleted or doubled stretch, a file cut short) put into
//! random files, built over the site of the previous good build. Whatever the edits, the build
//! does not panic; when it fails, every error says where (a file, and a line and column when it is
//! about a place in the file) and what to do (a hint), and the previous site is byte for byte as
//! it was. The edits come from a fixed seed, so a failure is reproduced by running the test again;
//! `POLYREF_MUTATIONS=N` runs N builds instead of the default, and `POLYREF_SEED=N` other edits.

use std::collections::BTreeMap;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use polyref::config::Config;
use polyref::{BuildOptions, build};

/// Text a translator might leave in a file by mistake.
const TOKENS: &[&str] = &[
    "{{",
    "}}",
    "{{domxref(\"",
    ")}}",
    "{{Compat(",
    "{{CloseCodes}}",
    "{{NoSuchMacro}}",
    "---\n",
    "\t",
    ": ",
    "- : ",
    "[",
    "](",
    "> [!NOTE]\n",
    "|",
    "```js\n",
    "```\n",
    "<script>",
    "\u{0}",
    "é",
    "\u{FFFF}",
    "\"",
    "'",
    "#",
    "\n",
    "  ",
    "{",
    "}",
    "{ $",
    "-brand = x\n",
    "l10n:\n",
    "slug: ",
    "title: ",
    "code: 1005\n",
    "\r",
    "`",
    "*",
    "&",
    "\\",
];

/// A small generator with a fixed seed (xorshift64).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// A char boundary of `text` at or before a random offset.
    fn offset(&mut self, text: &str, from: usize, span: usize) -> usize {
        let mut at = (from + self.below(span + 1)).min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files(&path, out) } else { out.push(path) }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut paths = Vec::new();
    files(dir, &mut paths);
    paths.into_iter().map(|p| (p.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&p).unwrap())).collect()
}

/// Puts one random edit into one random file of `paths`, and says what it did.
fn edit(rng: &mut Rng, paths: &[PathBuf], root: &Path) -> String {
    let path = &paths[rng.below(paths.len())];
    let mut text = fs::read_to_string(path).unwrap();
    let at = rng.offset(&text, 0, text.len());
    let what = match rng.below(4) {
        0 => {
            let token = TOKENS[rng.below(TOKENS.len())];
            text.insert_str(at, token);
            format!("inserted {token:?} at byte {at}")
        }
        1 => {
            let end = rng.offset(&text, at, 40);
            text.replace_range(at..end, "");
            format!("deleted bytes {at}..{end}")
        }
        2 => {
            text.truncate(at);
            format!("cut the file at byte {at}")
        }
        _ => {
            let end = rng.offset(&text, at, 60);
            let copy = text[at..end].to_string();
            text.insert_str(at, &copy);
            format!("doubled bytes {at}..{end}")
        }
    };
    fs::write(path, text).unwrap();
    format!("{}: {what}", path.strip_prefix(root).unwrap().display())
}

#[test]
fn random_edits_never_panic_and_every_error_says_where_and_what_to_do() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runs: usize = std::env::var("POLYREF_MUTATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(120);
    let mut rng =
        Rng(std::env::var("POLYREF_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_2026_1207).max(1));
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("site");
    let (mut failed, mut built) = (0, 0);
    let mut before: Option<BTreeMap<PathBuf, Vec<u8>>> = None;
    for run in 0..runs {
        let root = tempfile::tempdir().unwrap();
        copy_tree(&project.join("content"), &root.path().join("content"));
        copy_tree(&project.join("i18n"), &root.path().join("i18n"));
        copy_tree(&project.join("templates"), &root.path().join("templates"));
        let mut config = Config::defaults(root.path());
        config.output_dir = out.clone();
        if before.is_none() {
            let good = build(&config, &BuildOptions { write: true, jobs: Some(1) });
            assert!(good.summary.is_some(), "the real content must build");
            before = Some(tree(&out));
        }
        let mut paths = Vec::new();
        files(&root.path().join("content"), &mut paths);
        files(&root.path().join("i18n"), &mut paths);
        let mut templates = Vec::new();
        files(&root.path().join("templates"), &mut templates);
        paths.extend(templates.into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")));
        let edits: Vec<String> = (0..1 + rng.below(3)).map(|_| edit(&mut rng, &paths, root.path())).collect();
        let edits = edits.join("\n");
        let outcome = catch_unwind(AssertUnwindSafe(|| build(&config, &BuildOptions { write: true, jobs: Some(1) })))
            .unwrap_or_else(|_| panic!("run {run}: the build panicked after these edits:\n{edits}"));
        if outcome.summary.is_some() {
            built += 1;
            before = Some(tree(&out));
            continue;
        }
        failed += 1;
        assert!(outcome.diagnostics.has_errors(), "run {run}: a failed build names an error\n{edits}");
        for d in outcome.diagnostics.iter().filter(|d| d.is_error()) {
            let shown = d.render();
            let at =
                d.location.as_ref().unwrap_or_else(|| panic!("run {run}: an error without a place:\n{shown}\n{edits}"));
            assert!(!at.path.is_empty() && !at.path.starts_with('/'), "run {run}: {shown}\n{edits}");
            assert!(d.hint.is_some(), "run {run}: an error without a hint:\n{shown}\n{edits}");
            if at.line > 0 {
                assert!(at.col >= 1 && shown.contains(&at.to_string()), "run {run}: {shown}\n{edits}");
            }
        }
        assert!(Some(tree(&out)) == before, "run {run}: the failed build changed the previous site\n{edits}");
    }
    // The edits are varied enough to exercise both outcomes.
    assert!(failed > runs / 4 && built > 0, "{failed} failed and {built} built of {runs}");
}
