//! What the page does when the event worker dies (a trap, or the browser refusing it memory):
//! start a new one and reload the files it holds, leave out a file that was being read during two
//! deaths in a row (it is what kills the worker), and give up after `MAX_DEATHS` deaths in a row.
//! "In a row" ends only when a worker proves healthy: a query answered after its reload (a
//! finished reload is not enough, or a worker dying after each reload would be restarted for
//! ever), or a Clear. A pure model over the page's file handles, so every sequence of deaths and
//! notices is a host test; the page keeps the handles here and runs the decisions.
//!
//! The engine reads its files in order, one at a time, so the file being read is the first one
//! not yet reported done in the current worker's notices.

use super::protocol::Progress;

/// Deaths in a row after which the page stops restarting the worker.
pub const MAX_DEATHS: u32 = 3;

/// A file the worker was given: its name (for the messages) and the page's handle.
#[derive(Clone, Debug, PartialEq)]
struct Known<F> {
    name: String,
    handle: F,
    done: bool,
}

/// A file left out of the reload, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    pub name: String,
    /// What the browser said when the worker died reading it (may be empty).
    pub reason: String,
}

/// What to do about a death.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision<F> {
    /// Start a new worker and load these files into it, in this order (maybe none).
    Restart {
        reload: Vec<F>,
        /// Left out this time: the file being read during this death and the one before.
        dropped: Option<Dropped>,
    },
    /// Stop: the worker died `times` times in a row. The page asks for a reload.
    GiveUp { times: u32 },
}

/// The page's record of the worker's files and deaths.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery<F> {
    files: Vec<Known<F>>,
    /// The first file not yet reported done (the one being read, if a load runs).
    first_open: usize,
    /// The file the worker said it started reading last (precise: notices are paced).
    started: Option<usize>,
    /// The worker's generation these files belong to: what the worker says about an older one
    /// (sent before it handled a Clear) is about files the page no longer holds.
    generation: u64,
    deaths: u32,
    /// The file being read at the last death.
    suspect: Option<String>,
    /// Every file left out since the last Clear.
    dropped: Vec<Dropped>,
    /// Events loaded before the first of these deaths in a row (what a recovery must reach).
    events_before: Option<u64>,
    events: u64,
}

impl<F> Default for Recovery<F> {
    fn default() -> Self {
        Recovery {
            files: Vec::new(),
            first_open: 0,
            started: None,
            generation: 0,
            deaths: 0,
            suspect: None,
            dropped: Vec::new(),
            events_before: None,
            events: 0,
        }
    }
}

impl<F: Clone> Recovery<F> {
    /// Files sent to the worker, after those sent before (the worker numbers them the same way).
    pub fn sent(&mut self, files: impl IntoIterator<Item = (String, F)>) {
        self.files.extend(files.into_iter().map(|(name, handle)| Known { name, handle, done: false }));
    }

    /// The user started over: forget every file and every death. The worker's next generation
    /// is the one that counts from now on.
    /// Returns the files forgotten, in order (for an undo), without those left out.
    pub fn clear(&mut self) -> Vec<F> {
        let generation = self.generation + 1;
        let old = std::mem::replace(self, Recovery { generation, ..Recovery::default() });
        old.files.into_iter().map(|f| f.handle).collect()
    }

    /// A new worker was started (it counts generations from zero).
    pub fn worker_started(&mut self) {
        self.generation = 0;
        self.started = None;
    }

    /// Whether a message of the worker's `generation` is about the files held now (a newer
    /// generation is the worker catching up with a Clear).
    fn current(&mut self, generation: u64) -> bool {
        if generation > self.generation {
            self.generation = generation;
            self.started = None;
        }
        generation == self.generation
    }

    /// A progress notice from the current worker.
    pub fn progress(&mut self, p: &Progress) {
        if !self.current(p.generation) {
            return;
        }
        for (i, report) in &p.updates {
            if let Some(f) = self.files.get_mut(*i as usize) {
                f.done = report.done;
            }
        }
        while self.files.get(self.first_open).is_some_and(|f| f.done) {
            self.first_open += 1;
        }
        self.events = p.events;
    }

    /// The worker starts reading file `i` of `generation` (`Response::Reading`).
    pub fn started(&mut self, generation: u64, i: u32) {
        if self.current(generation) {
            self.started = Some(i as usize);
        }
    }

    /// Files the page holds (what a restart reloads).
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the page holds no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file being read now, if a load is running: the one the worker last said it started,
    /// unless reported done since; else the first not reported done.
    pub fn reading(&self) -> Option<&str> {
        self.reading_index().map(|i| self.files[i].name.as_str())
    }

    fn reading_index(&self) -> Option<usize> {
        let started = self.started.filter(|&i| self.files.get(i).is_some_and(|f| !f.done));
        started.or_else(|| (self.first_open < self.files.len()).then_some(self.first_open))
    }

    /// Deaths in a row (since the last Clear or answered query).
    pub fn deaths(&self) -> u32 {
        self.deaths
    }

    /// A query was answered: the worker works. The next death starts a new count (the files
    /// already left out stay out).
    pub fn answered(&mut self) {
        self.deaths = 0;
        self.suspect = None;
        self.events_before = None;
    }

    /// Every file left out since the last Clear, with why.
    pub fn dropped(&self) -> &[Dropped] {
        &self.dropped
    }

    /// Events the page had before the first of these deaths in a row, if the worker died.
    pub fn events_before(&self) -> Option<u64> {
        self.events_before
    }

    /// The worker died (`reason`: what the browser said). Decide what comes next.
    pub fn died(&mut self, reason: &str) -> Decision<F> {
        self.deaths += 1;
        if self.events_before.is_none() {
            self.events_before = Some(self.events);
        }
        if self.deaths >= MAX_DEATHS {
            return Decision::GiveUp { times: self.deaths };
        }
        let at = self.reading_index();
        let reading = at.map(|i| self.files[i].name.clone());
        let mut dropped = None;
        if let (Some(i), Some(name)) = (at, reading.as_ref().filter(|n| self.suspect.as_ref() == Some(*n))) {
            // Read during this death and the one before: leave it out.
            self.files.remove(i);
            let d = Dropped { name: name.clone(), reason: reason.to_string() };
            self.dropped.push(d.clone());
            dropped = Some(d);
            self.suspect = None;
        } else {
            self.suspect = reading;
        }
        // The new worker reads everything again, from the first file.
        for f in &mut self.files {
            f.done = false;
        }
        self.first_open = 0;
        self.started = None;
        // A new worker counts generations from zero.
        self.generation = 0;
        self.events = 0;
        Decision::Restart { reload: self.files.iter().map(|f| f.handle.clone()).collect(), dropped }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::load::FileReport;

    fn done(files: &[u32], events: u64) -> Progress {
        Progress {
            updates: files.iter().map(|&i| (i, FileReport { done: true, ..FileReport::default() })).collect(),
            events,
            ..Progress::default()
        }
    }

    fn page(n: usize) -> Recovery<usize> {
        let mut r = Recovery::default();
        r.sent((0..n).map(|i| (format!("f{i}.json"), i)));
        r
    }

    #[test]
    fn a_file_read_during_two_deaths_in_a_row_is_left_out_and_named() {
        let mut r = page(5);
        r.progress(&done(&[0, 1], 20));
        assert_eq!(r.reading(), Some("f2.json"));
        assert_eq!(r.died("out of memory"), Decision::Restart { reload: vec![0, 1, 2, 3, 4], dropped: None });
        // The new worker gets through f0 and f1 again, then dies on f2 again.
        r.progress(&done(&[0], 10));
        r.progress(&done(&[1], 20));
        let want = Dropped { name: "f2.json".into(), reason: "trap".into() };
        assert_eq!(r.died("trap"), Decision::Restart { reload: vec![0, 1, 3, 4], dropped: Some(want.clone()) });
        assert_eq!(r.dropped(), [want]);
        assert_eq!(r.events_before(), Some(20));
        r.progress(&done(&[0, 1, 2, 3], 40));
        assert_eq!(r.reading(), None);
    }

    #[test]
    fn deaths_on_different_files_drop_nothing() {
        let mut r = page(4);
        r.progress(&done(&[0], 5));
        assert!(matches!(r.died(""), Decision::Restart { dropped: None, .. }));
        r.progress(&done(&[0, 1], 9));
        assert!(matches!(r.died(""), Decision::Restart { dropped: None, ref reload } if reload.len() == 4));
    }

    #[test]
    fn the_third_death_gives_up_even_when_the_reloads_finished_in_between() {
        // The old bridge reset its count whenever a load finished, so a worker dying after each
        // recovery reload was restarted for ever; and it gave up only on the fourth death.
        let mut r = page(2);
        for death in 1..MAX_DEATHS {
            r.progress(&done(&[0, 1], 8));
            assert!(matches!(r.died("query"), Decision::Restart { dropped: None, .. }), "death {death}");
        }
        r.progress(&done(&[0, 1], 8));
        assert_eq!(r.died("query"), Decision::GiveUp { times: 3 });
    }

    #[test]
    fn an_answered_query_after_a_reload_starts_the_count_over() {
        let mut r = page(2);
        r.died("a");
        r.progress(&done(&[0, 1], 8));
        r.died("b");
        r.progress(&done(&[0, 1], 8));
        r.answered();
        assert_eq!(r.deaths(), 0);
        // Hours later, two more deaths: restarted, not given up.
        assert!(matches!(r.died("c"), Decision::Restart { .. }));
        assert!(matches!(r.died("d"), Decision::Restart { .. }));
        assert_eq!(r.died("e"), Decision::GiveUp { times: 3 });
    }

    #[test]
    fn clear_starts_the_count_over() {
        let mut r = page(2);
        r.died("a");
        r.died("b");
        r.clear();
        assert_eq!((r.deaths(), r.len(), r.events_before()), (0, 0, None));
        r.sent([("g.json".to_string(), 9)]);
        assert_eq!(r.died("c"), Decision::Restart { reload: vec![9], dropped: None });
    }

    #[test]
    fn the_file_the_worker_said_it_started_is_the_suspect_even_when_notices_lag() {
        // Notices are paced: the page last heard that f0 was done, but the worker had started
        // f3 when it died. Leaving out f1 (the first not reported done) would drop a good file.
        let mut r = page(5);
        r.progress(&done(&[0], 1));
        r.started(0, 3);
        assert_eq!(r.reading(), Some("f3.json"));
        assert!(matches!(r.died("trap"), Decision::Restart { dropped: None, .. }));
        r.progress(&done(&[0, 1], 2));
        r.started(0, 3);
        let want = Dropped { name: "f3.json".into(), reason: "trap".into() };
        assert_eq!(r.died("trap"), Decision::Restart { reload: vec![0, 1, 2, 4], dropped: Some(want) });
        // A start heard before its file was reported done no longer names it.
        r.started(0, 0);
        r.progress(&done(&[0], 1));
        assert_eq!(r.reading(), Some("f1.json"));
    }

    #[test]
    fn what_the_worker_said_before_it_handled_a_clear_is_not_about_the_new_files() {
        let mut r = page(3);
        r.progress(&done(&[0], 1));
        r.clear();
        r.sent([("new.json".to_string(), 7)]);
        // Sent before the worker handled the Clear (generation 0): about files gone now.
        r.started(0, 0);
        r.progress(&done(&[0], 1));
        assert_eq!(r.reading(), Some("new.json"), "the new file is not done because an old one was");
        // The worker's notices of the new generation count.
        r.started(1, 0);
        assert_eq!(r.reading(), Some("new.json"));
        r.progress(&Progress { generation: 1, ..done(&[0], 1) });
        assert_eq!(r.reading(), None);
    }

    #[test]
    fn files_sent_in_batches_are_numbered_as_the_worker_numbers_them() {
        let mut r = page(2);
        r.sent([("f2.json".to_string(), 2)]);
        r.progress(&done(&[0, 1], 3));
        assert_eq!(r.reading(), Some("f2.json"));
        r.progress(&done(&[2], 4));
        assert_eq!(r.reading(), None);
    }
}
