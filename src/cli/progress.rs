//! Long work on the command line says it is working: `demo`, `customer import`, `sync`,
//! `backup`, `customer export` and `report` show what they are doing and the time gone on
//! stderr, with a bar where the amount is known (the rows of an export). Only on a terminal,
//! never with `--json`, and only once the work has taken a second: quick work and scripts
//! see exactly what they saw before. The line is cleared when the work ends, so what is
//! printed afterwards reads as it always did.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shown after this long, not before.
const PATIENCE: Duration = Duration::from_secs(1);

/// The bar, and whether the work has ended (the thread that shows the bar after a second
/// must not show it once the work is done).
pub struct Progress(Option<(ProgressBar, Arc<Mutex<bool>>)>);

impl Progress {
    /// `what` is being done (a message, already translated); `len` rows when known.
    pub fn start(what: String, len: Option<u64>, json: bool) -> Progress {
        if json || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = match len {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden()),
            None => ProgressBar::hidden(),
        };
        let template = if len.is_some() {
            "{spinner} {msg} [{bar:30}] {pos}/{len} {elapsed}"
        } else {
            "{spinner} {msg} {elapsed}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what);
        // Drawn only once the work has taken a second (the bar is shared with this thread).
        let done = Arc::new(Mutex::new(false));
        let (later, ended) = (bar.clone(), done.clone());
        std::thread::spawn(move || {
            std::thread::sleep(PATIENCE);
            if let Ok(ended) = ended.lock() {
                if !*ended {
                    later.set_draw_target(ProgressDrawTarget::stderr());
                    later.enable_steady_tick(Duration::from_millis(120));
                }
            }
        });
        Progress(Some((bar, done)))
    }

    /// `n` more rows done.
    pub fn add(&self, n: u64) {
        if let Some((bar, _)) = &self.0 {
            bar.inc(n);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some((bar, done)) = &self.0 {
            // Under the lock: the bar is either never shown, or shown and cleared here.
            let mut ended = done.lock().unwrap_or_else(|e| e.into_inner());
            *ended = true;
            bar.finish_and_clear();
        }
    }
}
