//! Random edits for the tests that try many: text a hurried translator might leave in a file,
//! put in at places a generator with a fixed seed picks, so that a failure repeats on the next run.
//! `POLYREF_MUTATIONS=N` sets how many edits a test tries and `POLYREF_SEED=N` picks other ones.

use std::fs;
use std::path::Path;

/// Text a translator might leave in a file by mistake.
pub const TOKENS: &[&str] = &[
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
pub struct Rng(u64);

impl Rng {
    /// The generator for `POLYREF_SEED`, else for `seed`.
    pub fn from_env(seed: u64) -> Rng {
        // Zero would stay zero.
        Rng(std::env::var("POLYREF_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(seed).max(1))
    }

    pub fn below(&mut self, n: usize) -> usize {
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

/// How many edits to try: `POLYREF_MUTATIONS`, else `default`.
pub fn runs(default: usize) -> usize {
    std::env::var("POLYREF_MUTATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// Puts one random edit into the file at `path` (a token inserted, or a stretch deleted, doubled
/// or cut off), and says what it did, naming the file by its path below `root`.
pub fn random_edit(rng: &mut Rng, path: &Path, root: &Path) -> String {
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
