//! A job offered to the helper thread that the offering thread takes back when the helper has
//! not started it by the time it is needed.
//!
//! Waking a sleeping helper and getting it a core took about 200 µs per article on two busy
//! cores, as long as the claim half itself: a helper the caller must wait for made the halves at
//! once no faster than one after the other. An offered job is run by whichever thread comes to
//! it first, so the caller never waits for a helper that has not started; it waits (spinning,
//! yielding its core) only for one that is running the job.

use parking_lot::Mutex;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;

/// A job and what became of it.
enum State<B> {
    /// Offered, not started.
    Offered(Box<dyn FnOnce() -> B + Send>),
    /// Started by the helper.
    Running,
    /// Run by the helper: its result, or its panic.
    Done(std::thread::Result<B>),
    /// Taken back, or its result collected.
    Taken,
}

/// A job offered to the helper thread.
pub(super) struct Offer<B>(Arc<Mutex<State<B>>>);

impl<B: Send + 'static> Offer<B> {
    /// Offers `job` to `helper`.
    pub(super) fn new(
        helper: &rayon::ThreadPool,
        job: impl FnOnce() -> B + Send + 'static,
    ) -> Self {
        let state = Arc::new(Mutex::new(State::Offered(Box::new(job))));
        let theirs = Arc::clone(&state);
        helper.spawn(move || {
            let job = {
                let mut state = theirs.lock();
                match std::mem::replace(&mut *state, State::Running) {
                    State::Offered(job) => job,
                    // taken back before the helper came to it
                    other => {
                        *state = other;
                        return;
                    }
                }
            };
            let result = catch_unwind(AssertUnwindSafe(job));
            *theirs.lock() = State::Done(result);
        });
        Offer(state)
    }

    /// The job's result: run here when the helper has not started it, otherwise once the helper
    /// is done. A panic in the job is raised here.
    pub(super) fn result(self) -> B {
        loop {
            let mut state = self.0.lock();
            match std::mem::replace(&mut *state, State::Taken) {
                State::Offered(job) => {
                    drop(state);
                    return job();
                }
                State::Done(Ok(b)) => return b,
                State::Done(Err(panic)) => resume_unwind(panic),
                State::Running => *state = State::Running,
                State::Taken => unreachable!("an offer's result is collected once"),
            }
            drop(state);
            std::thread::yield_now();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn pool() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool")
    }

    #[test]
    fn a_job_the_helper_has_not_started_runs_here() {
        let helper = pool();
        let (hold, held) = mpsc::channel::<()>();
        // keep the helper busy until the job is taken back
        helper.spawn(move || {
            let _ = held.recv();
        });
        let here = std::thread::current().id();
        let offer = Offer::new(&helper, move || std::thread::current().id());
        assert_eq!(offer.result(), here);
        drop(hold);
    }

    /// `job` offered to `helper`, once the helper has started it.
    fn started<B: Send + 'static>(
        helper: &rayon::ThreadPool,
        job: impl FnOnce() -> B + Send + 'static,
    ) -> Offer<B> {
        let (started, start) = mpsc::channel::<()>();
        let offer = Offer::new(helper, move || {
            let _ = started.send(());
            job()
        });
        start.recv().expect("the helper started the job");
        offer
    }

    #[test]
    fn a_job_the_helper_started_is_waited_for() {
        let helper = pool();
        let offer = started(&helper, || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            std::thread::current().id()
        });
        assert_ne!(offer.result(), std::thread::current().id());
    }

    #[test]
    fn a_panic_on_the_helper_is_raised_here() {
        let helper = pool();
        let offer = started(&helper, || -> u32 { panic!("in the job") });
        let caught = catch_unwind(AssertUnwindSafe(|| offer.result()));
        assert!(caught.is_err());
        // the helper survives it
        let again = Offer::new(&helper, || 7);
        assert_eq!(again.result(), 7);
    }
}
