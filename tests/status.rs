//! `polyref status`: fixture repositories with a git history where a translation is behind by
//! N commits (recorded by commit and by hash), the same without git, unknown and invalid
//! commits, the JSON shape, the terminal table, the real content, and the status page of the
//! site.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{copy_dir, git, polyref, project};
use polyref::config::Config;
use polyref::git::{Named, source_hash};
use polyref::status::{Basis, Freshness, PageStatus, Report, State};

const PAGE: &str = "web/api/websocket/close/index.md";

fn english() -> String {
    fs::read_to_string(project().join("tests/fixtures/good-minimal/content/en").join(PAGE)).unwrap()
}

/// An MDN translation of the English page recording `commit` as its source.
fn german(commit: &str) -> String {
    format!(
        "---\ntitle: \"WebSocket: close() Methode\"\nslug: Web/API/WebSocket/close\nl10n:\n  sourceCommit: {commit}\n---\n\nDie Methode **`close()`** schließt die Verbindung.\n"
    )
}

/// A w3api-style (Jekyll) translation recording the English page's hash.
fn spanish(hash: &str) -> String {
    format!(
        "---\ntitle: WebSocket.close()\npermalink: /WebAPI/WebSocket/close/\nkey: WebAPI.W.WebSocket.close\npolyref-source-hash: {hash}\n---\n\nEl método `close()` cierra la conexión.\n"
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// A project in a new git repository: the English page committed, a German translation made
/// from that commit (`sourceCommit`) and a Spanish one from its content (`polyref-source-hash`),
/// then `behind` more commits that change the English page, and one that changes only the
/// German page (which must not count).
fn repo(behind: usize) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&project().join("templates"), &root.join("templates"));
    copy_dir(&project().join("i18n"), &root.join("i18n"));
    fs::write(root.join("polyref.toml"), "locales = [\"en\", \"es\", \"de\"]\n").unwrap();
    let mut en = english();
    write(root, &format!("content/en/{PAGE}"), &en);
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "English page"]);
    let first = git(root, &["rev-parse", "HEAD"]);
    write(root, &format!("content/de/{PAGE}"), &german(&first));
    write(root, &format!("content/es/{PAGE}"), &spanish(&source_hash(&en)));
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "German and Spanish translations"]);
    for i in 0..behind {
        en.push_str(&format!("\nA new English paragraph, number {i}.\n"));
        write(root, &format!("content/en/{PAGE}"), &en);
        git(root, &["commit", "-q", "-am", &format!("English change {i}")]);
    }
    let de = fs::read_to_string(root.join("content/de").join(PAGE)).unwrap();
    write(root, &format!("content/de/{PAGE}"), &format!("{de}\nEin Satz mehr.\n"));
    git(root, &["commit", "-q", "-am", "German typo"]);
    (dir, first)
}

fn report(root: &Path) -> Report {
    let config = Config::load(root).unwrap();
    let (prepared, diags) = polyref::prepare(&config);
    assert!(!diags.has_errors(), "{diags:#?}");
    polyref::status::collect(&prepared.unwrap(), &config)
}

fn page<'a>(r: &'a Report, locale: &str, key: &str) -> &'a PageStatus {
    let l = r.locales.iter().find(|l| l.locale == locale).unwrap_or_else(|| panic!("no locale {locale}"));
    l.page_status.iter().find(|p| p.key == key).unwrap_or_else(|| panic!("no page {key} in {locale}"))
}

const KEY: &str = "Web/API/WebSocket/close";

#[test]
fn a_translation_behind_by_n_commits_by_commit_and_by_hash() {
    let (dir, _) = repo(3);
    let r = report(dir.path());
    assert!(r.git);
    let de = page(&r, "de", KEY);
    assert_eq!(de.state, State::Outdated);
    assert_eq!(de.freshness, Freshness::Behind { by: Basis::Commit, commits: Some(3) });
    let es = page(&r, "es", KEY);
    assert_eq!(es.state, State::Outdated);
    assert_eq!(es.freshness, Freshness::Behind { by: Basis::Hash, commits: Some(3) });
    let en = page(&r, "en", KEY);
    assert_eq!(en.freshness, Freshness::Source);
    // The English page's current revision is offered, to mark a translation up to date.
    let source = de.source.as_ref().unwrap();
    assert_eq!(source.file, "content/en/web/api/websocket/close/index.md");
    assert_eq!(source.hash.get(), source_hash(&fs::read_to_string(dir.path().join("content/en").join(PAGE)).unwrap()));
    assert_eq!(source.last_commit.as_ref().unwrap().id.len(), 40);
    assert!(!source.uncommitted);
}

#[test]
fn behind_by_one_and_up_to_date() {
    let (dir, _) = repo(1);
    let r = report(dir.path());
    assert_eq!(page(&r, "de", KEY).freshness, Freshness::Behind { by: Basis::Commit, commits: Some(1) });
    // The translator brings both up to date with the English page's last commit and hash.
    let root = dir.path();
    let head = git(root, &["log", "-1", "--format=%H", "--", &format!("content/en/{PAGE}")]);
    let en = fs::read_to_string(root.join("content/en").join(PAGE)).unwrap();
    write(root, &format!("content/de/{PAGE}"), &german(&head));
    write(root, &format!("content/es/{PAGE}"), &spanish(&source_hash(&en)));
    let r = report(root);
    assert_eq!(page(&r, "de", KEY).state, State::Translated);
    assert_eq!(page(&r, "de", KEY).freshness, Freshness::UpToDate { by: Basis::Commit });
    assert_eq!(page(&r, "es", KEY).freshness, Freshness::UpToDate { by: Basis::Hash });
    // An uncommitted change to the English page is shown.
    fs::write(root.join("content/en").join(PAGE), format!("{en}\nUncommitted.\n")).unwrap();
    let r = report(root);
    assert!(page(&r, "de", KEY).source.as_ref().unwrap().uncommitted);
    assert_eq!(page(&r, "es", KEY).freshness, Freshness::Behind { by: Basis::Hash, commits: None });
}

#[test]
fn unknown_and_invalid_commits_are_reported() {
    let (dir, _) = repo(0);
    let root = dir.path();
    write(root, &format!("content/de/{PAGE}"), &german("3e543cdfe8dddfb4774a64bf3decdcbab42a4111"));
    let r = report(root);
    let de = page(&r, "de", KEY);
    assert_eq!(de.freshness, Freshness::UnknownCommit { commit: "3e543cdfe8dddfb4774a64bf3decdcbab42a4111".into() });
    assert_eq!(de.state, State::Translated);
    assert!(de.freshness.is_problem());
    write(root, &format!("content/de/{PAGE}"), &german("the-latest-one"));
    let r = report(root);
    assert_eq!(page(&r, "de", KEY).freshness, Freshness::InvalidCommit { commit: "the-latest-one".into() });
}

#[test]
fn without_git_hashes_are_compared() {
    let (dir, _) = repo(2);
    let copy = tempfile::tempdir().unwrap();
    for name in ["content", "i18n", "templates"] {
        copy_dir(&dir.path().join(name), &copy.path().join(name));
    }
    fs::copy(dir.path().join("polyref.toml"), copy.path().join("polyref.toml")).unwrap();
    let r = report(copy.path());
    assert!(!r.git);
    let de = page(&r, "de", KEY);
    assert!(matches!(de.freshness, Freshness::Unchecked { .. }), "{:?}", de.freshness);
    assert_eq!(de.state, State::Translated);
    assert_eq!(page(&r, "es", KEY).freshness, Freshness::Behind { by: Basis::Hash, commits: None });
    assert_eq!(page(&r, "es", KEY).state, State::Outdated);
    let en = fs::read_to_string(copy.path().join("content/en").join(PAGE)).unwrap();
    write(copy.path(), &format!("content/es/{PAGE}"), &spanish(&source_hash(&en)));
    assert_eq!(page(&report(copy.path()), "es", KEY).freshness, Freshness::UpToDate { by: Basis::Hash });
}

#[test]
fn json_shape_and_terminal_table() {
    let (dir, _) = repo(2);
    let out = polyref().args(["status", "--json", "--root"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["default_locale"], "en");
    assert_eq!(v["git"], true);
    let locales = v["locales"].as_array().unwrap();
    assert_eq!(locales.iter().map(|l| l["locale"].as_str().unwrap()).collect::<Vec<_>>(), ["en", "es", "de"]);
    for l in locales {
        assert!(l["percent"].as_u64().unwrap() <= 100);
        for k in ["total", "translated", "outdated", "missing"] {
            assert!(l["pages"][k].is_u64() && l["messages"][k].is_u64(), "{k}");
        }
        assert!(l["untranslated_cells"].is_u64());
        assert!(l["missing_messages"].is_array());
        for p in l["page_status"].as_array().unwrap() {
            for k in [
                "key",
                "path",
                "state",
                "freshness",
                "file",
                "source_commit",
                "source_hash",
                "source",
                "untranslated_cells",
            ] {
                assert!(p.get(k).is_some(), "page status without {k}: {p}");
            }
        }
    }
    let de = &locales[2]["page_status"][0];
    assert_eq!(de["state"], "outdated");
    assert_eq!(de["freshness"]["status"], "behind");
    assert_eq!(de["freshness"]["by"], "commit");
    assert_eq!(de["freshness"]["commits"], 2);
    assert_eq!(de["source"]["file"], "content/en/web/api/websocket/close/index.md");
    assert!(de["source"]["last_commit"]["id"].as_str().unwrap().len() == 40);
    assert!(de["source"]["hash"].as_str().unwrap().len() == 40);

    let out = polyref().args(["status", "--root"]).arg(dir.path()).output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    let de_row = table.lines().filter(|l| l.contains(KEY) && l.contains("outdated")).count();
    assert_eq!(de_row, 2, "German and Spanish rows are outdated:\n{table}");
    assert!(table.contains("2 commits behind the en page"), "{table}");
    // It says what to record to mark the translations current: a commit for MDN, a hash otherwise.
    let head = git(dir.path(), &["log", "-1", "--format=%H", "--", &format!("content/en/{PAGE}")]);
    assert!(table.contains(&format!("`sourceCommit: {head}`")), "{table}");
    let hash = git(dir.path(), &["hash-object", &format!("content/en/{PAGE}")]);
    assert!(table.contains(&format!("`polyref-source-hash: {hash}`")), "{table}");
}

#[test]
fn real_content_status() {
    let r = report(project());
    let de = page(&r, "de", KEY);
    if r.git {
        // The German page was translated from MDN's repository, whose commits are not ours.
        assert_eq!(
            de.freshness,
            Freshness::UnknownCommit { commit: "3e543cdfe8dddfb4774a64bf3decdcbab42a4111".into() }
        );
    } else {
        assert!(matches!(de.freshness, Freshness::Unchecked { .. }));
    }
    assert_eq!(de.source_commit.as_deref(), Some("3e543cdfe8dddfb4774a64bf3decdcbab42a4111"));
    // The gaps: CloseEvent exists only in Spanish.
    for l in ["en", "de"] {
        let p = page(&r, l, "Web/API/CloseEvent");
        assert_eq!(p.state, State::Missing);
        assert_eq!(p.freshness, Freshness::Missing { fallback: "es".into() });
    }
    assert_eq!(page(&r, "es", "Web/API/CloseEvent").freshness, Freshness::NoSource);
    assert_eq!(page(&r, "es", KEY).freshness, Freshness::NotRecorded);
    // The Spanish close-code table cells shown in English, on the page that has the table.
    let es = r.locales.iter().find(|l| l.locale == "es").unwrap();
    let cells = &page(&r, "es", "Web/API/CloseEvent").untranslated_cells;
    assert_eq!(cells.len(), 24);
    assert!(
        cells.contains(&"close-code-1001".to_string()) && cells.contains(&"close-code-3008.description".to_string())
    );
    assert_eq!(es.untranslated_cells, 24);
    assert_eq!(es.missing_messages.len(), 24);
    assert!(es.missing_messages.iter().all(|m| m.file == "i18n/es/close-codes.ftl"));
    // The same count as the build's summary.
    let config = Config::load(project()).unwrap();
    let outcome = polyref::check::run(&config, Some(2));
    assert_eq!(outcome.summary.unwrap().untranslated_cells.get("es"), Some(&24));
    // Percentages: en and de lack one page of two, es lacks 24 messages.
    let en = r.locales.iter().find(|l| l.locale == "en").unwrap();
    assert_eq!((en.pages.translated, en.pages.missing, en.percent), (1, 1, 75));
    assert!(es.percent < 100 && es.percent > 75, "{}", es.percent);
}

#[test]
fn the_site_has_a_status_page_linked_from_each_home() {
    let dir = common::project_copy();
    let config = Config::load(dir.path()).unwrap();
    let outcome = polyref::build(&config, &polyref::BuildOptions { write: true, jobs: Some(2) });
    assert!(outcome.summary.is_some(), "{:#?}", outcome.diagnostics);
    for l in ["en", "es", "de"] {
        let home = fs::read_to_string(config.output_dir.join(l).join("index.html")).unwrap();
        assert!(home.contains("href=\"status/index.html\""), "{l} home links the status page");
        let status = fs::read_to_string(config.output_dir.join(l).join("status/index.html")).unwrap();
        assert!(status.contains(&format!("<html lang=\"{l}\"")));
        assert!(status.contains("Web/API/CloseEvent") && status.contains("close-code-1001"), "{l}");
    }
    let de = fs::read_to_string(config.output_dir.join("de/status/index.html")).unwrap();
    assert!(de.contains("Stand der Übersetzungen") && de.contains("Leser bekommen die Seite auf Spanisch"), "{de}");
    // The copy has no git history: the page says so.
    assert!(de.contains("keine Git-Geschichte"), "{de}");
}

/// The whole-folder history (three git commands) answers as the per-file questions do: for a
/// committed file, one changed since, an untracked one, one in a new folder, and names with
/// spaces and non-ASCII letters.
#[test]
fn folder_history_matches_per_file_answers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let files =
        ["content/en/a/index.md", "content/en/b b/index.md", "content/de/größe/index.md", "content/es/c/index.md"];
    for f in &files[..3] {
        write(root, f, "one\n");
    }
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    write(root, files[1], "two\n");
    git(root, &["commit", "-q", "-am", "second"]);
    write(root, files[2], "changed, not committed\n");
    write(root, files[3], "never committed\n");
    let repo = polyref::git::Repo::discover(&root.join("content")).expect("a repository");
    let history = repo.history(&root.join("content"));
    for f in files {
        let path = root.join(f);
        assert_eq!(history.last_change(&path), repo.last_change(&path), "{f}");
        assert_eq!(history.is_modified(&path), repo.is_modified(&path), "{f}");
    }
    assert!(history.last_change(&root.join(files[0])).is_some());
    assert!(history.is_modified(&root.join(files[2])) && history.is_modified(&root.join(files[3])));
    assert!(!history.is_modified(&root.join(files[1])));

    // The project may be reached through a symbolic link (as a temporary folder is on some
    // systems): paths below the folder asked about are resolved through it.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        let alias = outside.path().join("alias");
        std::os::unix::fs::symlink(root, &alias).unwrap();
        let history = repo.history(&alias.join("content"));
        for f in files {
            assert_eq!(history.last_change(&alias.join(f)), repo.last_change(&root.join(f)), "{f}");
            assert_eq!(history.is_modified(&alias.join(f)), repo.is_modified(&root.join(f)), "{f}");
        }
        assert!(history.last_change(&alias.join(files[0])).is_some());
    }
}

/// The commits since a recorded one that changed a file, as counted from the folder's history
/// read once, agree with `git rev-list --count` for every pair of commit and file of a history
/// without merges, and git's own answers (asked once per commit and file) in a history with a
/// merge. What recorded commits name is found in one `git cat-file`.
#[test]
fn commits_since_from_the_folder_history_match_git() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let files = ["content/en/a/index.md", "content/en/b b/index.md", "content/en/größe/index.md"];
    let mut commits = Vec::new();
    git(root, &["init", "-q"]);
    // Each commit changes a different subset of the files; one changes none of them.
    for (n, changed) in [&[0, 1, 2][..], &[1], &[0, 2], &[], &[2], &[1, 2], &[0]].iter().enumerate() {
        for &f in *changed {
            write(root, files[f], &format!("revision {n}\n"));
        }
        write(root, "README", &format!("revision {n}\n"));
        git(root, &["add", "."]);
        git(root, &["commit", "-q", "-m", &format!("change {n}")]);
        commits.push(git(root, &["rev-parse", "HEAD"]));
    }
    let content = root.join("content");
    let repo = polyref::git::Repo::discover(&content).expect("a repository");
    let history = repo.history(&content);
    for since in &commits {
        for f in files {
            let path = root.join(f);
            let by_git = repo.commits_since(since, &path);
            assert!(by_git.is_some());
            assert_eq!(history.commits_since(&repo, since, &path), Some(by_git), "since {since}, {f}");
            assert_eq!(history.commits_since(&repo, &since.to_uppercase(), &path), Some(by_git));
            assert_eq!(history.commits_since(&repo, &since[..10], &path), Some(by_git), "abbreviated");
        }
    }
    // The same for a recorded hash: the commits since the file last had that content.
    for f in files {
        let path = root.join(f);
        let mut blobs: Vec<String> = commits.iter().map(|c| git(root, &["rev-parse", &format!("{c}:{f}")])).collect();
        blobs.push("0123456789abcdef0123456789abcdef01234567".into());
        for blob in &blobs {
            let by_git = repo.commits_since_blob(blob, &path);
            assert_eq!(history.commits_since_blob(blob, &path), by_git, "blob {blob}, {f}");
            assert_eq!(history.commits_since_blob(&blob.to_uppercase(), &path), by_git);
        }
    }
    let path = root.join(files[0]);
    let first = git(root, &["rev-parse", &format!("{}:{}", commits[0], files[0])]);
    assert_eq!(history.commits_since_blob(&first, &path), Some(2));
    assert_eq!(history.commits_since(&repo, &commits[0], &path), Some(Some(2)));
    assert_eq!(history.commits_since(&repo, &"0".repeat(40), &path), None, "names no commit");

    // What recorded commits name is asked in one question, not one per page.
    let (fake, short) = ("0".repeat(40), &commits[1][..10]);
    let named = repo.look_up(&[fake.as_str(), short, commits[2].as_str(), "not a commit"]).unwrap();
    assert_eq!(named.get(&fake), Some(&Named::Nothing));
    assert_eq!(named.get(short), Some(&Named::Commit(commits[1].clone())));
    assert_eq!(named.get(&commits[2]), Some(&Named::Commit(commits[2].clone())));
    let mut history = repo.history(&content);
    history.look_up(&repo, [fake.as_str(), short, commits[2].as_str(), "not a commit", fake.as_str()]);
    assert_eq!(history.commits_since(&repo, &fake, &path), None);
    assert_eq!(history.commits_since(&repo, short, &path), Some(repo.commits_since(&commits[1], &path)));

    // Merges: the counts walk the history's graph, and still agree with git (every commit
    // that changed the file, on every line merged since, merges aside).
    let main = git(root, &["branch", "--show-current"]);
    git(root, &["checkout", "-q", "-b", "side"]);
    write(root, files[1], "on the side\n");
    git(root, &["commit", "-q", "-am", "side change"]);
    commits.push(git(root, &["rev-parse", "HEAD"]));
    git(root, &["checkout", "-q", "-"]);
    write(root, "README", "on the main line\n");
    git(root, &["commit", "-q", "-am", "main change"]);
    git(root, &["merge", "-q", "--no-ff", "-m", "merge", "side"]);
    commits.push(git(root, &["rev-parse", "HEAD"]));
    // A line started from an old commit changes two files; the main line changes one of them
    // meanwhile, and the merge settles the clash by taking the main line's text.
    git(root, &["checkout", "-q", "-b", "old", &commits[2]]);
    write(root, files[0], "from the old line\n");
    write(root, files[2], "from the old line\n");
    git(root, &["commit", "-q", "-am", "old line change"]);
    commits.push(git(root, &["rev-parse", "HEAD"]));
    git(root, &["checkout", "-q", "-"]);
    write(root, files[0], "main line again\n");
    git(root, &["commit", "-q", "-am", "main line change"]);
    commits.push(git(root, &["rev-parse", "HEAD"]));
    git(root, &["merge", "-q", "-X", "ours", "-m", "merge the old line", "old"]);
    // A merge that takes nothing from its side, and a line never merged.
    git(root, &["checkout", "-q", "-b", "dropped", &commits[4]]);
    write(root, files[2], "dropped\n");
    git(root, &["commit", "-q", "-am", "dropped change"]);
    commits.push(git(root, &["rev-parse", "HEAD"]));
    git(root, &["checkout", "-q", "-b", "unmerged"]);
    write(root, files[1], "never merged\n");
    git(root, &["commit", "-q", "-am", "unmerged change"]);
    let unmerged = git(root, &["rev-parse", "HEAD"]);
    git(root, &["checkout", "-q", &main]);
    git(root, &["merge", "-q", "-s", "ours", "-m", "merge nothing", "dropped"]);
    assert_eq!(git(root, &["rev-list", "--merges", "HEAD"]).lines().count(), 3);

    let mut history = repo.history(&content);
    history.look_up(&repo, commits.iter().map(String::as_str).chain([unmerged.as_str()]));
    let counted = |since: &str, f: &str| history.commits_since(&repo, since, &root.join(f));
    for since in &commits {
        for f in files {
            assert_eq!(counted(since, f), Some(repo.commits_since(since, &root.join(f))), "since {since}, {f}");
            assert_eq!(counted(&since[..10], f), counted(since, f), "abbreviated");
        }
    }
    // By hand: since the first commit, `b b` changed in "change 1", "change 5" and on the side.
    assert_eq!(counted(&commits[0], files[1]), Some(Some(3)));
    // Since "change 2": `a` changed in "change 6", on the old line (whose text the merge
    // dropped) and in "main line change"; `größe` in "change 4", "change 5", on the old line and
    // on the dropped one.
    assert_eq!(counted(&commits[2], files[0]), Some(Some(3)));
    assert_eq!(counted(&commits[2], files[2]), Some(Some(4)));
    // Since "main line change": the old line's commit was made before it, but merged after.
    assert_eq!(counted(&commits[commits.len() - 2], files[0]), Some(Some(1)));
    assert_eq!(counted(&commits[commits.len() - 2], files[2]), Some(Some(2)));
    // A recorded hash: the commits outside the history of the commit that gave the file that
    // content, counted as for that commit.
    let since_blob =
        |c: &str, f: &str| history.commits_since_blob(&git(root, &["rev-parse", &format!("{c}:{f}")]), &root.join(f));
    for c in &commits[7..] {
        for f in files {
            let made_here = git(root, &["diff-tree", "--no-commit-id", "--name-only", "-r", c]).contains(f);
            if made_here && git(root, &["rev-list", "--parents", "-n1", c]).split(' ').count() == 2 {
                assert_eq!(since_blob(c, f), counted(c, f).unwrap(), "{c} {f}");
            }
        }
    }
    let (old_line, main_line, dropped) = (&commits[9], &commits[10], &commits[11]);
    assert_eq!(since_blob(old_line, files[2]), Some(3), "change 4, change 5, dropped change");
    assert_eq!(since_blob(old_line, files[0]), Some(2), "change 6, main line change");
    assert_eq!(since_blob(main_line, files[0]), Some(1), "old line change");
    assert_eq!(since_blob(dropped, files[2]), Some(2), "change 5, old line change");
    // A commit outside HEAD's history is counted by git: `a` changed in "change 6", on the old
    // line and in "main line change", none of them in the unmerged line's history.
    assert_eq!(counted(&unmerged, files[1]), Some(repo.commits_since(&unmerged, &root.join(files[1]))));
    assert_eq!(counted(&unmerged, files[0]), Some(Some(3)));
}

/// The status of many translations asks git a fixed number of questions, not some per page:
/// `git` on the PATH is a script that logs each call before running the real one.
#[cfg(unix)]
#[test]
fn git_is_asked_a_few_questions_whatever_the_number_of_pages() {
    use std::os::unix::fs::PermissionsExt;
    const PAGES: usize = 12;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&project().join("templates"), &root.join("templates"));
    copy_dir(&project().join("i18n"), &root.join("i18n"));
    fs::write(root.join("polyref.toml"), "locales = [\"en\", \"de\", \"es\"]\n").unwrap();
    let page = |i: usize, extra: &str| {
        format!("---\ntitle: Thing{i}\nslug: Web/API/Thing{i}\npage-type: web-api-interface\n{extra}---\n\nText {i}.\n")
    };
    for i in 0..PAGES {
        write(root, &format!("content/en/web/api/thing{i}/index.md"), &page(i, ""));
    }
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "English pages"]);
    let first = git(root, &["rev-parse", "HEAD"]);
    for i in 0..PAGES {
        // Most translations record this repository's commit; some a commit it does not have,
        // and those of Thing3 the hash of the English text.
        let commit = if i % 4 == 0 { "0123456789abcdef0123456789abcdef01234567" } else { first.as_str() };
        for locale in ["de", "es"] {
            let extra = match i {
                3 => format!("polyref-source-hash: {}\n", polyref::git::source_hash(&page(3, ""))),
                _ => format!("l10n:\n  sourceCommit: {commit}\n"),
            };
            write(root, &format!("content/{locale}/web/api/thing{i}/index.md"), &page(i, &extra));
        }
    }
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "Translations"]);
    write(root, "content/en/web/api/thing1/index.md", &format!("{}More.\n", page(1, "")));
    write(root, "content/en/web/api/thing3/index.md", &format!("{}More.\n", page(3, "")));
    git(root, &["commit", "-q", "-am", "English change"]);

    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("calls.log");
    let real = String::from_utf8(Command::new("sh").args(["-c", "command -v git"]).output().unwrap().stdout).unwrap();
    let script = format!("#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n", log.display(), real.trim());
    fs::write(bin.path().join("git"), script).unwrap();
    fs::set_permissions(bin.path().join("git"), fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let status = || {
        let _ = fs::remove_file(&log);
        let out = polyref().args(["status", "--json", "--root"]).arg(root).env("PATH", &path).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for locale in ["de", "es"] {
            let l = report["locales"].as_array().unwrap().iter().find(|l| l["locale"] == locale).unwrap();
            let freshness = |key: &str| {
                l["page_status"].as_array().unwrap().iter().find(|p| p["key"] == key).unwrap()["freshness"].clone()
            };
            assert_eq!(freshness("Web/API/Thing1")["status"], "behind", "{}", freshness("Web/API/Thing1"));
            assert_eq!(freshness("Web/API/Thing1")["commits"], 1);
            assert_eq!(freshness("Web/API/Thing2")["status"], "up-to-date");
            assert_eq!(freshness("Web/API/Thing4")["status"], "unknown-commit");
            let thing3 = freshness("Web/API/Thing3");
            assert_eq!(
                (&thing3["status"], &thing3["by"], &thing3["commits"]),
                (&"behind".into(), &"hash".into(), &1.into())
            );
        }
        fs::read_to_string(&log).unwrap()
    };
    // A history without merges: five questions in all.
    let calls = status();
    assert!(calls.lines().count() <= 5, "git was asked per page:\n{calls}");

    // With a merge, the counts walk the history's graph: one more question in all.
    git(root, &["checkout", "-q", "-b", "side"]);
    write(root, "README", "on the side\n");
    git(root, &["add", "README"]);
    git(root, &["commit", "-q", "-m", "side change"]);
    git(root, &["checkout", "-q", "-"]);
    git(root, &["merge", "-q", "--no-ff", "-m", "merge", "side"]);
    let calls = status();
    assert!(calls.lines().count() <= 6, "git was asked per page:\n{calls}");
    assert!(!calls.contains("rev-list --count"), "{calls}");
}

/// `--content` given relative to the working folder, which is not the project: git is asked
/// about the files where they are, and the report is the one made from the project folder.
#[test]
fn content_given_relative_to_another_folder() {
    let (dir, first) = repo(2);
    let root = dir.path();
    // The content moves into a folder of the project, in the same repository.
    let site = root.join("site-src");
    fs::create_dir_all(&site).unwrap();
    git(root, &["mv", "content", "site-src/content"]);
    git(root, &["commit", "-q", "-m", "content moved"]);
    let status = |cwd: &Path, content: &Path| {
        let out = polyref()
            .current_dir(cwd)
            .args(["status", "--json", "--root"])
            .arg(root)
            .arg("--content")
            .arg(content)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let de = v["locales"].as_array().unwrap().iter().find(|l| l["locale"] == "de").unwrap().clone();
        de["page_status"][0]["freshness"].clone()
    };
    let from_site = status(&site, Path::new("content"));
    assert_eq!(from_site["status"], "behind", "{from_site}");
    // At its new path, git sees the page change once: the move (its history is not followed).
    let since =
        git(root, &["rev-list", "--count", &format!("{first}..HEAD"), "--", &format!("site-src/content/en/{PAGE}")]);
    assert_eq!(from_site["commits"].to_string(), since, "{from_site}");
    assert_eq!(status(root, Path::new("site-src/content")), from_site);
    assert_eq!(status(root, &site.join("content")), from_site);
}

/// A recorded commit on a branch that HEAD's history does not hold is found and its count asked
/// of git; a made-up id, and a commit in no branch, tag or reflog (garbage to git), name
/// nothing. Full ids are found among every ref's commits, abbreviated ones by git.
#[test]
fn recorded_commits_on_other_branches_and_on_none() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = "content/en/a/index.md";
    write(root, file, "first\n");
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    git(root, &["checkout", "-q", "-b", "side"]);
    write(root, file, "on the side\n");
    git(root, &["commit", "-q", "-am", "side"]);
    let side = git(root, &["rev-parse", "HEAD"]);
    git(root, &["checkout", "-q", "-"]);
    write(root, file, "second\n");
    git(root, &["commit", "-q", "-am", "second"]);
    let dangling = git(root, &["commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "referenced by nothing"]);
    let made_up = "0123456789abcdef0123456789abcdef01234567";

    let content = root.join("content");
    let repo = polyref::git::Repo::discover(&content).expect("a repository");
    let mut history = repo.history(&content);
    let upper = side.to_uppercase();
    history.look_up(&repo, [side.as_str(), &upper, &side[..9], dangling.as_str(), made_up]);
    let path = root.join(file);
    let by_git = repo.commits_since(&side, &path);
    assert_eq!(by_git, Some(1));
    for recorded in [side.as_str(), &upper, &side[..9]] {
        assert_eq!(history.commits_since(&repo, recorded, &path), Some(by_git), "{recorded}");
    }
    assert_eq!(history.commits_since(&repo, made_up, &path), None);
    assert!(repo.resolve(&dangling).is_some(), "git has the object");
    assert_eq!(history.commits_since(&repo, &dangling, &path), None);
}

#[test]
fn a_shallow_clone_says_so_and_how_to_fetch_the_rest() {
    // A clone of the last commit only: the German page's recorded commit is older than that.
    let (dir, _) = repo(2);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.path().display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "shallow"]);
    let root = clone.path().join("shallow");
    let r = report(&root);
    assert!(r.git && r.shallow);
    assert!(matches!(page(&r, "de", KEY).freshness, Freshness::UnknownCommit { .. }));
    let out = polyref().args(["status", "--root"]).arg(&root).output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("This clone is shallow") && table.contains("git fetch --unshallow"), "{table}");
    assert!(table.contains("is not in this repository's history (or older than this shallow clone)"), "{table}");
    // So does the site's status page, in each language.
    let config = Config::load(&root).unwrap();
    let outcome = polyref::build(&config, &polyref::BuildOptions { write: true, jobs: Some(2) });
    assert!(outcome.summary.is_some(), "{:#?}", outcome.diagnostics);
    let status = |l: &str| fs::read_to_string(config.output_dir.join(l).join("status/index.html")).unwrap();
    assert!(status("en").contains("This copy&#39;s history is shallow"), "{}", status("en"));
    assert!(status("de").contains("gekürzt (shallow)") && status("es").contains("recortado (shallow)"));
    // The full repository is not shallow, and its table says nothing of it.
    let r = report(dir.path());
    assert!(r.git && !r.shallow);
    let out = polyref().args(["status", "--root"]).arg(dir.path()).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("shallow"));
    let config = Config::load(dir.path()).unwrap();
    let outcome = polyref::build(&config, &polyref::BuildOptions { write: true, jobs: Some(2) });
    assert!(outcome.summary.is_some(), "{:#?}", outcome.diagnostics);
    let en = fs::read_to_string(config.output_dir.join("en/status/index.html")).unwrap();
    assert!(en.contains("counted in commits") && !en.contains("shallow"), "{en}");
}
