//! Phase timings for profiling: with `POLYREF_TIMINGS=1` in the environment, each stage of a
//! build prints its wall time and the process's resident memory to standard error.

use std::sync::OnceLock;
use std::time::Instant;

fn start() -> Option<&'static Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    START.get_or_init(|| std::env::var_os("POLYREF_TIMINGS").filter(|v| v != "0").map(|_| Instant::now())).as_ref()
}

/// Prints `label` with the time since the first call and the current and peak resident memory,
/// when timings are on.
pub fn mark(label: &str) {
    let Some(start) = start() else { return };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
            .map_or_else(|| "?".to_string(), |kb| format!("{} MB", kb / 1024))
    };
    eprintln!(
        "[timings] {:>8.1} ms  {label:<24} rss {}, peak {}",
        start.elapsed().as_secs_f64() * 1000.0,
        field("VmRSS:"),
        field("VmHWM:")
    );
}
