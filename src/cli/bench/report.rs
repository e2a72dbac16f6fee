//! Percentiles and the printed table: RPS, p50/p99/p99.9 per method, and each method's rate as a
//! share of the health-check floor measured in the same run.

use std::fmt::Write as _;

use serde::Serialize;

use super::runner::{Method, MethodResult};

/// The `q` quantile (0–1) of sorted microsecond latencies, in milliseconds (nearest rank).
pub(crate) fn percentile_ms(sorted_us: &[u32], q: f64) -> f64 {
    if sorted_us.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted_us.len() as f64).ceil() as usize).clamp(1, sorted_us.len());
    f64::from(sorted_us[rank - 1]) / 1000.0
}

/// One row of the report, also written as JSON.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    /// Method name.
    pub(crate) method: &'static str,
    /// Successful calls measured.
    pub(crate) calls: u64,
    /// Failed calls.
    pub(crate) errors: u64,
    /// Error counts by code.
    pub(crate) error_codes: Vec<(String, u64)>,
    /// Successful calls per second.
    pub(crate) rps: f64,
    /// Median latency, ms.
    pub(crate) p50_ms: f64,
    /// 99th percentile, ms.
    pub(crate) p99_ms: f64,
    /// 99.9th percentile, ms.
    pub(crate) p999_ms: f64,
    /// Slowest call, ms.
    pub(crate) max_ms: f64,
    /// `rps` divided by the health-check rate of the same run.
    pub(crate) vs_health: Option<f64>,
    /// Mean size of a successful response, bytes.
    pub(crate) response_bytes: f64,
    /// Server CPU time per call (successful or not), microseconds.
    pub(crate) server_cpu_us_per_call: Option<f64>,
    /// Server time runnable but waiting for a CPU, per call, microseconds.
    pub(crate) server_wait_us_per_call: Option<f64>,
}

/// Builds the rows; the floor is the first health run.
pub(crate) fn rows(results: &[MethodResult]) -> Vec<Row> {
    let floor = results
        .iter()
        .find(|r| r.method == Method::Health)
        .map(|r| r.ok as f64 / r.secs.max(1e-9));
    results
        .iter()
        .map(|r| {
            let rps = r.ok as f64 / r.secs.max(1e-9);
            let calls = (r.ok + r.errors.values().sum::<u64>()).max(1) as f64;
            Row {
                response_bytes: r.response_bytes as f64 / r.ok.max(1) as f64,
                server_cpu_us_per_call: r.server_cpu.map(|(c, _)| c * 1e6 / calls),
                server_wait_us_per_call: r.server_cpu.map(|(_, w)| w * 1e6 / calls),
                method: r.method.label(),
                calls: r.ok,
                errors: r.errors.values().sum(),
                error_codes: r.errors.iter().map(|(k, v)| (k.clone(), *v)).collect(),
                rps,
                p50_ms: percentile_ms(&r.latencies_us, 0.50),
                p99_ms: percentile_ms(&r.latencies_us, 0.99),
                p999_ms: percentile_ms(&r.latencies_us, 0.999),
                max_ms: r
                    .latencies_us
                    .last()
                    .map_or(f64::NAN, |&v| f64::from(v) / 1000.0),
                vs_health: floor.filter(|f| *f > 0.0).map(|f| rps / f),
            }
        })
        .collect()
}

/// Formats the rows as an aligned text table.
pub(crate) fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16} {:>9} {:>7} {:>10} {:>8} {:>8} {:>9} {:>8} {:>9} {:>8} {:>11} {:>11}",
        "method",
        "calls",
        "errors",
        "rps",
        "p50 ms",
        "p99 ms",
        "p99.9 ms",
        "max ms",
        "vs health",
        "resp KB",
        "srv cpu us",
        "srv wait us"
    );
    for r in rows {
        let ratio = r
            .vs_health
            .map_or_else(|| "-".to_string(), |v| format!("{:.0}%", v * 100.0));
        let us = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"));
        let _ = writeln!(
            out,
            "{:<16} {:>9} {:>7} {:>10.0} {:>8.3} {:>8.3} {:>9.3} {:>8.2} {:>9} {:>8} {:>11} {:>11}",
            r.method,
            r.calls,
            r.errors,
            r.rps,
            r.p50_ms,
            r.p99_ms,
            r.p999_ms,
            r.max_ms,
            ratio,
            format!("{:.1}", r.response_bytes / 1024.0),
            us(r.server_cpu_us_per_call),
            us(r.server_wait_us_per_call)
        );
        for (code, n) in &r.error_codes {
            let _ = writeln!(out, "    {n} x {code}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u32> = (1..=1000).collect();
        assert_eq!(percentile_ms(&v, 0.5), 0.5);
        assert_eq!(percentile_ms(&v, 0.99), 0.99);
        assert_eq!(percentile_ms(&v, 0.999), 0.999);
        assert_eq!(percentile_ms(&[7], 0.999), 0.007);
        assert!(percentile_ms(&[], 0.5).is_nan());
    }
}
