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
        "[timings] {:>8.1} ms  {label:<24} cpu {:>6.0} ms, rss {}, peak {}",
        start.elapsed().as_secs_f64() * 1000.0,
        cpu_ms(),
        field("VmRSS:"),
        field("VmHWM:")
    );
}

/// The process's CPU time so far (user and system, all threads), in milliseconds: beside the
/// wall time it shows how well a stage uses the cores.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks (100 per second on Linux).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: f64 = after.split_whitespace().skip(11).take(2).filter_map(|v| v.parse::<f64>().ok()).sum();
    ticks * 10.0
}
