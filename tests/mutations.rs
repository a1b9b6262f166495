//! Random edits: a copy of the project (`content/`, `i18n/`, the templates) with one to three
//! edits of the kind a hurried translator makes (a stray `{{`, a tab, a deleted or doubled
//! stretch, a file cut short) put into random files, built over the site of the previous good
//! build. Whatever the edits, the build does not panic; when it fails, every error says where (a
//! file, and a line and column when it is about a place in the file) and what to do (a hint), and
//! the previous site is as it was. The edits come from a fixed seed, so a failure is reproduced by
//! running the test again; `POLYREF_MUTATIONS=N` runs N builds instead of the default, and
//! `POLYREF_SEED=N` other edits.

mod common;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use common::edits::{Rng, random_edit, runs};
use common::{files_below, project_copy, read_tree};
use polyref::config::Config;
use polyref::{BuildOptions, build};

#[test]
fn random_edits_never_panic_and_every_error_says_where_and_what_to_do() {
    let runs = runs(120);
    let mut rng = Rng::from_env(0x5eed_2026_1207);
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("site");
    let (mut failed, mut built) = (0, 0);
    let mut before: Option<BTreeMap<String, String>> = None;
    for run in 0..runs {
        let root = project_copy();
        let mut config = Config::load(root.path()).unwrap();
        config.output_dir = out.clone();
        if before.is_none() {
            let good = build(&config, &BuildOptions { write: true, jobs: Some(1) });
            assert!(good.summary.is_some(), "the real content must build");
            before = Some(read_tree(&out));
        }
        let mut paths = files_below(&root.path().join("content"));
        paths.extend(files_below(&root.path().join("i18n")));
        paths.extend(
            files_below(&root.path().join("templates"))
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "html")),
        );
        let edits: Vec<String> = (0..1 + rng.below(3))
            .map(|_| {
                let path = &paths[rng.below(paths.len())];
                random_edit(&mut rng, path, root.path())
            })
            .collect();
        let edits = edits.join("\n");
        let outcome = catch_unwind(AssertUnwindSafe(|| build(&config, &BuildOptions { write: true, jobs: Some(1) })))
            .unwrap_or_else(|_| panic!("run {run}: the build panicked after these edits:\n{edits}"));
        if outcome.summary.is_some() {
            built += 1;
            before = Some(read_tree(&out));
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
        assert!(Some(read_tree(&out)) == before, "run {run}: the failed build changed the previous site\n{edits}");
    }
    // The edits are varied enough to exercise both outcomes.
    assert!(failed > runs / 4 && built > 0, "{failed} failed and {built} built of {runs}");
}
