//! Live reload in a real browser: headless Chromium opens a page served by `polyref serve`;
//! editing the file reloads the page by itself, breaking it shows the diagnostic over the page,
//! fixing it clears the overlay. The page's Content-Security-Policy allows same-origin scripts
//! only, so this also shows the reload script needs nothing inline.
//!
//! Chromium is driven over the DevTools protocol on 127.0.0.1. The test fails (it does not
//! skip) when Chromium is missing: `.ci/run` installs it. `POLYREF_CHROMIUM` names another
//! binary.

// Config::load's error is a Diagnostic, large but only on the cold path.
#![allow(clippy::result_large_err)]

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use polyref::config::Config;
use polyref::serve::{ServeOptions, start};
use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

const PAGE: &str = "content/en/web/api/websocket/close/index.md";
const LIMIT: Duration = Duration::from_secs(30);

struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let bin = std::env::var("POLYREF_CHROMIUM").unwrap_or_else(|_| "chromium".into());
        let mut child = Command::new(&bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {bin} ({e}): install Chromium (.ci/run does) or set POLYREF_CHROMIUM")
            });
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(i) = line.find("ws://") {
                    let _ = tx.send(line[i..].trim().to_string());
                }
            }
        });
        let browser_ws = rx.recv_timeout(Duration::from_secs(60)).expect("Chromium prints its DevTools address");
        let port: u16 = browser_ws
            .strip_prefix("ws://127.0.0.1:")
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("DevTools listens on 127.0.0.1");
        let deadline = Instant::now() + LIMIT;
        let page_ws = loop {
            let list = common::get(port, "/json/list", LIMIT).unwrap();
            let targets: Value = serde_json::from_str(&list.body).unwrap_or(Value::Null);
            if let Some(url) = targets
                .as_array()
                .and_then(|t| t.iter().find(|t| t["type"] == "page"))
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            {
                break url.to_string();
            }
            assert!(Instant::now() < deadline, "Chromium has no page");
            std::thread::sleep(Duration::from_millis(100));
        };
        let (ws, _) = tungstenite::connect(page_ws.as_str()).expect("connect to the page");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(LIMIT)).unwrap();
        }
        Browser { child, ws, next: 0, _profile: profile }
    }

    /// Calls a DevTools method and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params).unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// Calls a DevTools method: its result, or the error Chromium answered with.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next += 1;
        let id = self.next;
        self.ws.send(Message::text(json!({"id": id, "method": method, "params": params}).to_string())).unwrap();
        loop {
            let msg = self.ws.read().expect("an answer from Chromium");
            let Ok(text) = msg.into_text() else { continue };
            let v: Value = serde_json::from_str(text.as_str()).unwrap_or(Value::Null);
            if v["id"] == id {
                return match v.get("error") {
                    Some(e) => Err(e.clone()),
                    None => Ok(v["result"].clone()),
                };
            }
        }
    }

    /// Evaluates `expr` in the page until it gives a string for which `ok` holds.
    fn until(&mut self, what: &str, expr: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + LIMIT;
        let mut last = String::new();
        loop {
            // While the page reloads, there may be no document to evaluate in: ask again.
            let r = self.try_call("Runtime.evaluate", json!({"expression": expr, "returnByValue": true}));
            last = r.ok().and_then(|r| r["result"]["value"].as_str().map(str::to_string)).unwrap_or(last);
            if ok(&last) {
                return last;
            }
            assert!(Instant::now() < deadline, "gave up waiting for {what}; last value: {last:?}");
            std::thread::sleep(Duration::from_millis(150));
        }
    }
}

const H1: &str = "document.querySelector('article h1') ? document.querySelector('article h1').textContent : ''";
const OVERLAY: &str = "(document.getElementById('polyref-build-problems') || {textContent: ''}).textContent";

#[test]
fn the_open_page_reloads_and_shows_a_broken_build() {
    let dir = common::project_copy();
    let root = dir.path().to_path_buf();
    let options = ServeOptions {
        port: 0,
        jobs: Some(1),
        quiet: true,
        poll_timeout: Duration::from_secs(2),
        debounce: Duration::from_millis(100),
    };
    let running = start(Arc::new(move || Config::load(&root)), options).unwrap();
    let root = dir.path();
    let mut b = Browser::launch();
    b.call("Page.navigate", json!({"url": format!("{}en/web/api/websocket/close/index.html", running.url)}));
    b.until("the page", H1, |t| t == "WebSocket: close() method");

    // An edit: the open page reloads by itself.
    common::edit(root, PAGE, "title: \"WebSocket: close() method\"", "title: \"WebSocket: close() method, live\"");
    b.until("the reloaded page", H1, |t| t.ends_with(", live"));

    // A broken edit: the diagnostic, as text, over the last good page.
    let good = std::fs::read_to_string(root.join(PAGE)).unwrap();
    std::fs::write(root.join(PAGE), good.replacen("\n---\n", "\n", 1)).unwrap();
    let text = b.until("the overlay", OVERLAY, |t| t.contains("front-matter-unclosed"));
    assert!(text.contains("content/en/web/api/websocket/close/index.md:1:1"), "{text}");
    assert!(text.contains("hint:"), "{text}");
    let pres = b.call(
        "Runtime.evaluate",
        json!({"expression": "document.querySelectorAll('#polyref-build-problems pre').length", "returnByValue": true}),
    );
    assert!(pres["result"]["value"].as_u64().unwrap() >= 1);
    assert_eq!(b.until("the old page below", H1, |_| true), "WebSocket: close() method, live");

    // Fixed: the page reloads and the overlay is gone.
    std::fs::write(root.join(PAGE), good.replace(", live", ", fixed")).unwrap();
    b.until("the fixed page", H1, |t| t.ends_with(", fixed"));
    assert_eq!(b.until("no overlay", OVERLAY, |_| true), "");
    drop(b);
    running.stop();
}
