//! The server's own CPU time, read from `/proc/PID/task/*/schedstat` (Linux): time on a CPU and
//! time spent runnable but waiting for one. CPU time per call is a figure that other processes
//! on a busy machine disturb much less than wall-clock rates; wait time shows how busy it was.

/// Per-thread counters of a process: thread id → (run ns, wait ns).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CpuSample(std::collections::HashMap<u64, (u64, u64)>);

/// Reads the current counters of every thread of process `pid`; `None` when /proc has no such
/// process.
pub(crate) fn sample(pid: u32) -> Option<CpuSample> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut out = CpuSample::default();
    for task in tasks.flatten() {
        let Some(tid) = task
            .file_name()
            .to_str()
            .and_then(|t| t.parse::<u64>().ok())
        else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) else {
            continue;
        };
        let mut fields = text
            .split_whitespace()
            .map(|f| f.parse::<u64>().unwrap_or(0));
        let run = fields.next().unwrap_or(0);
        let wait = fields.next().unwrap_or(0);
        out.0.insert(tid, (run, wait));
    }
    Some(out)
}

/// CPU and wait seconds between two samples: per-thread differences, so threads that exit in
/// between (idle blocking-pool threads) do not make the totals go backwards; threads born in
/// between count in full.
pub(crate) fn delta(a: &CpuSample, b: &CpuSample) -> (f64, f64) {
    let (mut run, mut wait) = (0u64, 0u64);
    for (tid, &(r1, w1)) in &b.0 {
        let (r0, w0) = a.0.get(tid).copied().unwrap_or((0, 0));
        run += r1.saturating_sub(r0);
        wait += w1.saturating_sub(w0);
    }
    (run as f64 / 1e9, wait as f64 / 1e9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_process_uses_cpu() {
        let a = sample(std::process::id()).expect("/proc is mounted");
        // the kernel folds a running thread's time in at its ticks: on a busy machine one round
        // of work can end before the next one, so work in rounds until it shows (bounded)
        let mut used = 0.0;
        let mut x = 0u64;
        for _ in 0..200 {
            for i in 0..5_000_000u64 {
                x = x.wrapping_mul(31).wrapping_add(i);
            }
            std::hint::black_box(x);
            let b = sample(std::process::id()).expect("/proc is mounted");
            used = delta(&a, &b).0;
            if used > 0.0 {
                break;
            }
        }
        assert!(used > 0.0, "no CPU time seen after 200 rounds of work");
        assert!(sample(u32::MAX).is_none());
    }
}
