//! `polyref serve`: start it on a free loopback port in a copy of the project, fetch a page,
//! edit a file and see the rebuilt page, break a file and see the diagnostic through the reload
//! endpoint while the server keeps answering, fix it, stop it. Every wait is bounded; servers
//! listen on 127.0.0.1 only and are stopped by the test (or when it fails, by `Drop`).

// Config::load's error is a Diagnostic, large but only on the cold path.
#![allow(clippy::result_large_err)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Http, get, polyref, project_copy};
use polyref::config::Config;
use polyref::serve::{Running, ServeOptions, start};

const PAGE: &str = "content/en/web/api/websocket/close/index.md";
const TITLE: &str = "title: \"WebSocket: close() method\"";
const LIMIT: Duration = Duration::from_secs(30);

fn options() -> ServeOptions {
    ServeOptions {
        port: 0,
        jobs: Some(1),
        quiet: true,
        poll_timeout: Duration::from_secs(2),
        debounce: Duration::from_millis(100),
    }
}

fn serve(root: PathBuf) -> Running {
    start(Arc::new(move || Config::load(&root)), options()).expect("the server starts")
}

/// Asks `path` until `ok` holds for the answer, for at most [`LIMIT`].
fn until(port: u16, path: &str, what: &str, ok: impl Fn(&Http) -> bool) -> Http {
    let deadline = Instant::now() + LIMIT;
    loop {
        if let Ok(r) = get(port, path, Duration::from_secs(10))
            && ok(&r)
        {
            return r;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {what} at {path}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn events(port: u16, base: &str, since: Option<u64>) -> serde_json::Value {
    let q = since.map(|s| format!("?since={s}")).unwrap_or_default();
    let r = get(port, &format!("{base}__polyref/events{q}"), Duration::from_secs(10)).unwrap();
    assert_eq!(r.status, 200);
    serde_json::from_str(&r.body).unwrap()
}

#[test]
fn serve_edit_break_fix_stop() {
    let dir = project_copy();
    let root = dir.path().to_path_buf();
    let running = serve(root.clone());
    let port = running.port;
    assert!(running.url.starts_with(&format!("http://127.0.0.1:{port}/")), "{}", running.url);
    // Under the base path of base-url.
    let base = "/polyref/";
    assert!(running.url.ends_with(base));
    let page = format!("{base}en/web/api/websocket/close/index.html");

    let r = get(port, &page, LIMIT).unwrap();
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<h1>WebSocket: close() method</h1>"), "{}", r.body);
    assert!(r.body.contains(&format!("<script src=\"{base}__polyref/reload.js?gen=1\" defer></script>")));
    // The reload script goes into served pages only, never into the built files.
    let built = std::fs::read_to_string(root.join("site/en/web/api/websocket/close/index.html")).unwrap();
    assert!(!built.contains("__polyref"), "build output must not load the reload script");
    let js = get(port, &format!("{base}__polyref/reload.js"), LIMIT).unwrap();
    assert_eq!((js.status, js.header("content-type")), (200, Some("text/javascript; charset=utf-8")));
    assert!(js.body.contains("textContent"));
    // Folders, the root, and paths that try to leave the site.
    assert_eq!(get(port, "/", LIMIT).unwrap().header("location"), Some(base));
    assert_eq!(get(port, &format!("{base}de"), LIMIT).unwrap().status, 301);
    let de = get(port, &format!("{base}de/"), LIMIT).unwrap();
    assert!(de.status == 200 && de.body.contains("lang=\"de\""));
    assert!(matches!(get(port, &format!("{base}../polyref.toml"), LIMIT).unwrap().status, 400 | 404));
    assert_eq!(get(port, &format!("{base}%2e%2e/polyref.toml"), LIMIT).unwrap().status, 400);
    assert_eq!(get(port, &format!("{base}no/such/page.html"), LIMIT).unwrap().status, 404);

    let state = events(port, base, None);
    assert_eq!((state["generation"].as_u64(), state["ok"].as_bool()), (Some(1), Some(true)));
    // Nothing changes: the long poll answers after its timeout, with the same generation.
    assert_eq!(events(port, base, Some(1))["generation"], 1);

    // An edit is rebuilt and served.
    common::edit(&root, PAGE, TITLE, "title: \"WebSocket: close() method, edited\"");
    until(port, &page, "the edited page", |r| r.body.contains("close() method, edited"));
    // The files are in place a moment before the state says so: wait for the new generation.
    let after_edit = events(port, base, Some(1));
    assert!(after_edit["generation"].as_u64().unwrap() >= 2 && after_edit["ok"] == true);
    // Only the edited page and what lists it were rendered again, incrementally.
    assert_eq!(after_edit["incremental"], true, "{after_edit}");
    assert!(after_edit["summary"].as_str().unwrap().starts_with("Rebuilt 1 page in 3 locales"), "{after_edit}");
    let built = std::fs::read_to_string(root.join("site/en/web/api/websocket/close/index.html")).unwrap();
    assert!(built.contains("close() method, edited") && !built.contains("__polyref"));

    // A broken edit: the diagnostic is on the events endpoint; the last good page is still served.
    let good = std::fs::read_to_string(root.join(PAGE)).unwrap();
    std::fs::write(root.join(PAGE), good.replacen("\n---\n", "\n", 1)).unwrap();
    let broken =
        until(port, &format!("{base}__polyref/events"), "the broken build", |r| r.body.contains("\"ok\":false"));
    let state: serde_json::Value = serde_json::from_str(&broken.body).unwrap();
    let problem = &state["problems"][0];
    assert_eq!(problem["code"], "front-matter-unclosed");
    assert!(problem["location"].as_str().unwrap().starts_with("content/en/web/api/websocket/close/index.md:1:1"));
    assert!(problem["text"].as_str().unwrap().contains("hint:"));
    let still = get(port, &page, LIMIT).unwrap();
    assert!(still.status == 200 && still.body.contains("close() method, edited"));

    // Fixing the file clears it. (As above, the files are in place a moment before the state
    // says so: wait for the generation after the broken build.)
    let broken_generation = state["generation"].as_u64().unwrap();
    std::fs::write(root.join(PAGE), good.replace("close() method, edited", "close() method, fixed")).unwrap();
    until(port, &page, "the fixed page", |r| r.body.contains("close() method, fixed"));
    let fixed = events(port, base, Some(broken_generation));
    assert_eq!(fixed["ok"], true);
    assert!(fixed["problems"].as_array().unwrap().is_empty());

    running.stop();
    assert!(get(port, &page, Duration::from_secs(2)).is_err(), "the server stopped");
}

#[test]
fn a_template_or_message_change_rebuilds_too() {
    let dir = project_copy();
    let root = dir.path().to_path_buf();
    let running = serve(root.clone());
    let port = running.port;
    common::edit(&root, "i18n/de/ui.ftl", "home-title = ", "home-title = Neu: ");
    until(port, "/polyref/de/index.html", "the new German title", |r| r.body.contains("Neu: "));
    common::edit(&root, "templates/home.html", "<h1>", "<h1 class=\"edited\">");
    until(port, "/polyref/en/index.html", "the edited template", |r| r.body.contains("class=\"edited\""));
    assert_eq!(events(port, "/polyref/", None)["incremental"], false, "a template change builds the whole site");
    // A template error is shown with its file and line, and the server goes on.
    common::edit(&root, "templates/home.html", "{% endfor %}", "{% endfor");
    let r = until(port, "/polyref/__polyref/events", "the template error", |r| r.body.contains("\"ok\":false"));
    assert!(r.body.contains("templates/home.html"), "{}", r.body);
    assert_eq!(get(port, "/polyref/en/index.html", LIMIT).unwrap().status, 200);
    running.stop();
}

#[test]
fn a_save_without_a_change_reloads_nothing() {
    let dir = project_copy();
    let root = dir.path().to_path_buf();
    let running = serve(root.clone());
    let (port, base) = (running.port, "/polyref/");
    assert_eq!(events(port, base, None)["generation"], 1);
    // Saved as it is: the page is rebuilt, no file changes, and no new build is published (the
    // long poll waits out its two seconds, twenty times the debounce).
    let text = std::fs::read_to_string(root.join(PAGE)).unwrap();
    std::fs::write(root.join(PAGE), &text).unwrap();
    assert_eq!(events(port, base, Some(1))["generation"], 1);
    // A real edit is the next build; had the save been published, it would be the third.
    common::edit(&root, PAGE, TITLE, "title: \"WebSocket: close() method, edited\"");
    let page = format!("{base}en/web/api/websocket/close/index.html");
    until(port, &page, "the edited page", |r| r.body.contains("close() method, edited"));
    let after = events(port, base, Some(1));
    assert_eq!((after["generation"].as_u64(), after["incremental"].as_bool()), (Some(2), Some(true)), "{after}");
    running.stop();
}

/// Kills the child process when the test ends, however it ends.
struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_command_prints_its_address_and_serves() {
    let dir = project_copy();
    let child = polyref()
        .args(["serve", "--port", "0", "-q", "--root"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = Kill(child);
    let stdout = child.0.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let url = loop {
        let line =
            rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("serve prints its address");
        if let Some(rest) = line.strip_prefix("Serving ") {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    let rest = url.strip_prefix("http://127.0.0.1:").expect("loopback only");
    let (port, base) = rest.split_once('/').unwrap();
    let port: u16 = port.parse().unwrap();
    let r = get(port, &format!("/{base}es/web/api/closeevent/index.html"), LIMIT).unwrap();
    assert_eq!(r.status, 200);
    assert!(r.body.contains("CloseEvent"));
}

#[test]
fn a_port_in_use_is_a_clear_error_and_nothing_is_built() {
    let dir = project_copy();
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = polyref().args(["serve", "--port", &port, "--root"]).arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")), "{stderr}");
    assert!(stderr.contains("--port 0"), "the hint names a way out:\n{stderr}");
    assert!(!dir.path().join("site").exists(), "the site is not built before the port is had");
}
