//! Reads that may take longer than a frame run here, off the UI thread (gitui's `asyncjob` is
//! the model): a worker thread with a read connection of its own runs the jobs in turn, and
//! the shell hands each result back to the tab that asked. Keys are never queued behind a
//! query: the screen keeps the last data (or says it is loading) until the result comes. A
//! tab numbers its requests, so a result superseded by a newer request is dropped.

use std::any::Any;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use crate::store::Store;

/// What a job returns, for its tab to take apart.
pub type Output = Box<dyn Any + Send>;

/// A read to run on the worker's connection (which reads as the viewer the job sets).
pub struct Job(Box<dyn FnOnce(&mut Store) -> Output + Send>);

impl Job {
    pub fn new<T: Send + 'static>(read: impl FnOnce(&mut Store) -> T + Send + 'static) -> Job {
        Job(Box::new(move |store| Box::new(read(store)) as Output))
    }

    pub fn run(self, store: &mut Store) -> Output {
        (self.0)(store)
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

/// The worker thread and the jobs it has not answered yet; each job goes with a tag `T`
/// (the tab that asked), which comes back with its result.
pub struct Loader<T> {
    jobs: Sender<(T, Job)>,
    done: Receiver<(T, Output)>,
    waiting: usize,
}

impl<T: Send + 'static> Loader<T> {
    /// Starts the worker on `store`, a connection of its own (opened by the caller, on this
    /// thread: opening may need the team's group, see `guard`).
    pub fn start(mut store: Store) -> Loader<T> {
        let (jobs, inbox) = channel::<(T, Job)>();
        let (outbox, done) = channel();
        std::thread::spawn(move || {
            // Ends when the App (and so the sender) is dropped.
            while let Ok((tab, job)) = inbox.recv() {
                if outbox.send((tab, job.run(&mut store))).is_err() {
                    break;
                }
            }
        });
        Loader {
            jobs,
            done,
            waiting: 0,
        }
    }

    /// Queues `job` for `tab`. False when the worker is gone (the caller runs it itself).
    pub fn submit(&mut self, tab: T, job: Job) -> Result<(), Job> {
        match self.jobs.send((tab, job)) {
            Ok(()) => {
                self.waiting += 1;
                Ok(())
            }
            Err(e) => Err(e.0.1),
        }
    }

    pub fn busy(&self) -> bool {
        self.waiting > 0
    }

    /// The results that have come, without waiting.
    pub fn finished(&mut self) -> Vec<(T, Output)> {
        let mut out = Vec::new();
        while let Ok(done) = self.done.try_recv() {
            self.waiting = self.waiting.saturating_sub(1);
            out.push(done);
        }
        out
    }

    /// The next result, waiting up to `patience` for it.
    pub fn wait(&mut self, patience: Duration) -> Option<(T, Output)> {
        match self.done.recv_timeout(patience) {
            Ok(done) => {
                self.waiting = self.waiting.saturating_sub(1);
                Some(done)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }
}
