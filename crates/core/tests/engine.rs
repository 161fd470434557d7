//! The engine's interleavings on the host: every read of a file waits until the test releases
//! it, so a Clear, a Cancel, a second load or an export can land at any await point.

use console_core::trail::engine::{ByteSource, Clock, Engine, LocalFuture, MemorySource};
use console_core::trail::gen::{self, Format};
use console_core::trail::gzip::GzError;
use console_core::trail::load::{FileProblem, Limits};
use console_core::trail::protocol::{DetailError, ExportError, ExportFormat, Progress};
use console_core::trail::query::Filter;
use console_core::trail::store::Field;
use futures_executor::LocalPool;
use gates::*;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;
use std::task::{Poll, Waker};

/// A gate that holds reads until the test lets them through.
mod gates {
    use super::*;

    /// Reads wait here until the test opens them one by one (or all at once).
    #[derive(Default)]
    pub struct Gate {
        pub permits: Cell<usize>,
        pub open: Cell<bool>,
        pub waiting: RefCell<Vec<Waker>>,
        /// Reads asked so far.
        pub asked: Cell<usize>,
    }

    impl Gate {
        pub fn allow(&self, n: usize) {
            self.permits.set(self.permits.get() + n);
            for w in self.waiting.borrow_mut().drain(..) {
                w.wake();
            }
        }
        pub fn open_all(&self) {
            self.open.set(true);
            self.allow(0);
        }
    }

    /// A source whose reads wait on a gate.
    pub struct Gated {
        pub inner: Rc<dyn ByteSource>,
        pub gate: Rc<Gate>,
    }

    impl ByteSource for Gated {
        fn name(&self) -> String {
            self.inner.name()
        }
        fn size(&self) -> u64 {
            self.inner.size()
        }
        fn read(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
            let gate = self.gate.clone();
            gate.asked.set(gate.asked.get() + 1);
            let inner = self.inner.clone();
            Box::pin(async move {
                std::future::poll_fn(|cx| {
                    if gate.open.get() {
                        return Poll::Ready(());
                    }
                    if gate.permits.get() > 0 {
                        gate.permits.set(gate.permits.get() - 1);
                        return Poll::Ready(());
                    }
                    gate.waiting.borrow_mut().push(cx.waker().clone());
                    Poll::Pending
                })
                .await;
                inner.read(start, end).await
            })
        }
    }
}

/// A clock whose pauses wait on a gate (open unless a test closes it).
struct TestClock {
    now: Cell<f64>,
    pauses: Rc<Gate>,
}

impl Clock for TestClock {
    fn now_ms(&self) -> f64 {
        self.now.set(self.now.get() + 1.0);
        self.now.get()
    }
    fn sleep(&self, _ms: u64) -> LocalFuture<'_, ()> {
        let gate = self.pauses.clone();
        Box::pin(std::future::poll_fn(move |cx| {
            if gate.open.get() || gate.permits.get() > 0 {
                gate.permits.set(gate.permits.get().saturating_sub(1));
                return Poll::Ready(());
            }
            gate.waiting.borrow_mut().push(cx.waker().clone());
            Poll::Pending
        }))
    }
}

struct Rig {
    pool: LocalPool,
    engine: Rc<Engine>,
    notices: Rc<RefCell<Vec<Progress>>>,
    pauses: Rc<Gate>,
}

fn rig(limits: Limits) -> Rig {
    let notices = Rc::new(RefCell::new(Vec::new()));
    let n = notices.clone();
    let pauses = Rc::new(Gate::default());
    pauses.open.set(true);
    let clock = TestClock { now: Cell::new(0.0), pauses: pauses.clone() };
    let engine = Engine::new(Rc::new(clock), limits, move |p| n.borrow_mut().push(p));
    Rig { pool: LocalPool::new(), engine, notices, pauses }
}

impl Rig {
    fn load(&mut self, sources: Vec<Rc<dyn ByteSource>>) {
        use futures_executor::LocalSpawner;
        self.engine.add_files(sources);
        let spawner: LocalSpawner = self.pool.spawner();
        let e = self.engine.clone();
        futures_task_spawn(&spawner, async move { e.pump().await });
        self.pool.run_until_stalled();
    }

    fn count(&self, filter: &Filter) -> usize {
        self.engine.query(1, filter, 10, 0, false).selected
    }
}

fn futures_task_spawn(spawner: &futures_executor::LocalSpawner, f: impl std::future::Future<Output = ()> + 'static) {
    use futures_task::LocalSpawn;
    spawner.spawn_local_obj(Box::pin(f).into()).expect("spawn");
}

/// A generated file, gated, with `chunks` reads (the engine reads 4 MB at a time).
fn gated(name: &str, bytes: Vec<u8>) -> (Rc<dyn ByteSource>, Rc<Gate>) {
    let gate = Rc::new(Gate::default());
    (Rc::new(Gated { inner: MemorySource::shared(name, bytes), gate: gate.clone() }), gate)
}

fn ids(bytes: &[u8]) -> HashSet<String> {
    let v: Value = serde_json::from_slice(bytes).unwrap();
    v.as_array().unwrap().iter().map(|e| e["eventId"].as_str().unwrap().to_string()).collect()
}

/// A big file: several 4 MB reads.
fn big(seed: u64) -> Vec<u8> {
    gen::trail(Format::Array, 30_000, seed, 2)
}

#[test]
fn clear_during_a_load_stops_it_and_the_next_load_is_clean() {
    let mut r = rig(Limits::default());
    let (src, gate) = gated("big.json", big(1));
    r.load(vec![src]);
    gate.allow(2);
    r.pool.run_until_stalled();
    assert!(!r.engine.is_empty() && r.engine.loading());
    let before = r.engine.generation();
    r.engine.clear();
    assert_eq!((r.engine.len(), r.engine.generation()), (0, before + 1));
    // The old load's read completes after the clear: its bytes must go nowhere.
    gate.open_all();
    r.pool.run_until_stalled();
    assert_eq!(r.engine.len(), 0);
    assert!(r.engine.reports().is_empty());
    assert!(!r.engine.loading());
    // A new load in the new generation loads only its own events.
    let small = gen::trail(Format::Array, 200, 9, 1);
    r.load(vec![MemorySource::shared("small.json", small.clone())]);
    assert_eq!(r.engine.len(), 200);
    assert_eq!(r.engine.reports().len(), 1);
    assert_eq!(r.count(&Filter::default()), 200);
    let last = r.notices.borrow().last().cloned().unwrap();
    assert_eq!((last.generation, last.events, last.loading), (before + 1, 200, false));
}

#[test]
fn clear_while_the_old_load_is_parked_then_load_again_before_it_wakes() {
    let mut r = rig(Limits::default());
    let (src, gate) = gated("a.json", big(2));
    r.load(vec![src]);
    gate.allow(1);
    r.pool.run_until_stalled();
    r.engine.clear();
    // A new load starts its own pump while the old one is still parked on a read.
    let (b, gate_b) = gated("b.json", gen::trail(Format::Ndjson, 500, 3, 1));
    r.load(vec![b]);
    gate_b.open_all();
    r.pool.run_until_stalled();
    assert_eq!(r.engine.len(), 500);
    gate.open_all();
    r.pool.run_until_stalled();
    assert_eq!(r.engine.len(), 500, "the old load must not add to the new generation");
    assert_eq!(r.engine.reports().iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["b.json"]);
}

#[test]
fn two_loads_at_once_queue_behind_each_other_and_keep_every_event() {
    let mut r = rig(Limits::default());
    let (a, gate_a) = gated("a.json", big(4));
    let (b, gate_b) = gated("b.json", gen::trail(Format::Lookup, 700, 5, 1));
    r.load(vec![a]);
    gate_a.allow(1);
    r.pool.run_until_stalled();
    r.load(vec![b]);
    // b waits for a: its source is not read yet.
    assert_eq!(gate_b.asked.get(), 0);
    gate_a.open_all();
    gate_b.open_all();
    r.pool.run_until_stalled();
    assert_eq!(r.engine.len(), 30_700);
    let reports = r.engine.reports();
    assert_eq!((reports[0].events, reports[1].events), (30_000, 700));
    assert!(!r.engine.loading());
}

#[test]
fn cancel_then_load_cancels_only_what_was_queued_before() {
    let mut r = rig(Limits::default());
    let (a, gate_a) = gated("a.json", big(6));
    let (b, _gate_b) = gated("b.json", gen::trail(Format::Array, 10, 7, 1));
    r.load(vec![a, b]);
    gate_a.allow(1);
    r.pool.run_until_stalled();
    let read_before = r.engine.len();
    r.engine.cancel();
    // Loaded right after the cancel, before the pump has noticed it.
    let c = MemorySource::shared("c.json", gen::trail(Format::Array, 50, 8, 1));
    r.load(vec![c]);
    gate_a.open_all();
    r.pool.run_until_stalled();
    let reports = r.engine.reports();
    assert!(reports[0].cancelled && !reports[0].not_read, "{:?}", reports[0]);
    assert!(reports[1].not_read && reports[1].cancelled, "{:?}", reports[1]);
    assert!(!reports[2].cancelled && reports[2].events == 50, "{:?}", reports[2]);
    // What was read before the cancel is kept; c is loaded; nothing of b.
    assert_eq!(r.engine.len(), read_before + 50);
    assert!(!r.engine.loading());
}

/// An export's outcome: events written and the text, once done.
type Exported = Rc<RefCell<Option<Result<(u64, String), ExportError>>>>;

fn export(r: &mut Rig, format: ExportFormat, filter: Filter) -> Exported {
    let out = Rc::new(RefCell::new(None));
    let (e, o) = (r.engine.clone(), out.clone());
    futures_task_spawn(&r.pool.spawner(), async move {
        let mut text = String::new();
        let result = e.export(format, &filter, &mut |piece| text.push_str(&piece)).await;
        *o.borrow_mut() = Some(result.map(|n| (n, text)));
    });
    out
}

#[test]
fn a_load_during_an_export_neither_mixes_in_nor_shifts_rows() {
    let mut r = rig(Limits::default());
    let data = gen::gzip(&big(10));
    let (a, gate_a) = gated("a.json.gz", data);
    r.load(vec![a]);
    gate_a.open_all();
    r.pool.run_until_stalled();
    let filter = Filter { include: vec![(Field::EventName, vec!["PutBucketAcl".into()])], ..Default::default() };
    let want = r.count(&filter);
    assert!(want > 100);
    // Make the export wait on its reads, then load a file with earlier events (they sort first).
    gate_a.open.set(false);
    let out = export(&mut r, ExportFormat::Json, filter.clone());
    r.pool.run_until_stalled();
    assert!(out.borrow().is_none());
    let mut early = gen::trail(Format::Array, 2000, 11, 1);
    let text = String::from_utf8(early.clone()).unwrap().replace("2025-11", "2024-11");
    early = text.into_bytes();
    r.load(vec![MemorySource::shared("early.json", early)]);
    gate_a.open_all();
    r.pool.run_until_stalled();
    let (n, json) = out.borrow_mut().take().unwrap().unwrap();
    let exported = ids(json.as_bytes());
    assert_eq!((n as usize, exported.len()), (want, want));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v.as_array().unwrap().iter().all(|e| e["eventName"] == "PutBucketAcl"));
    assert_eq!(r.engine.len(), 32_000);
}

#[test]
fn clear_during_an_export_stops_it_with_a_message() {
    let mut r = rig(Limits::default());
    let (a, gate) = gated("a.json", big(12));
    r.load(vec![a]);
    gate.open_all();
    r.pool.run_until_stalled();
    gate.open.set(false);
    let out = export(&mut r, ExportFormat::Ndjson, Filter::default());
    r.pool.run_until_stalled();
    r.engine.clear();
    gate.open_all();
    r.pool.run_until_stalled();
    assert_eq!(out.borrow_mut().take().unwrap(), Err(ExportError::Cleared));
    // CSV pauses between pieces: a clear lands there too.
    r.load(vec![MemorySource::shared("b.json", gen::trail(Format::Array, 50_000, 13, 1))]);
    r.pauses.open.set(false);
    let out = export(&mut r, ExportFormat::Csv, Filter::default());
    r.pool.run_until_stalled();
    assert!(out.borrow().is_none(), "parked between two pieces");
    r.engine.clear();
    r.pauses.open_all();
    r.pool.run_until_stalled();
    assert_eq!(out.borrow_mut().take().unwrap(), Err(ExportError::Cleared));
}

#[test]
fn a_detail_in_flight_during_a_clear_says_so() {
    let mut r = rig(Limits::default());
    let data = gen::trail(Format::Ndjson, 300, 14, 1);
    let first_id = {
        let line = data.split(|&b| b == b'\n').next().unwrap();
        serde_json::from_slice::<Value>(line).unwrap()["eventId"].as_str().unwrap().to_string()
    };
    let (a, gate) = gated("a.ndjson", data);
    r.load(vec![a]);
    gate.open_all();
    r.pool.run_until_stalled();
    let ok = Rc::new(RefCell::new(None));
    let (e, o, id) = (r.engine.clone(), ok.clone(), first_id.clone());
    futures_task_spawn(&r.pool.spawner(), async move { *o.borrow_mut() = Some(e.detail(&id).await) });
    r.pool.run_until_stalled();
    let detail = ok.borrow_mut().take().unwrap().unwrap();
    assert_eq!(serde_json::from_str::<Value>(&detail.json).unwrap()["eventId"], first_id.as_str());
    gate.open.set(false);
    let (e, o, id) = (r.engine.clone(), ok.clone(), first_id.clone());
    futures_task_spawn(&r.pool.spawner(), async move { *o.borrow_mut() = Some(e.detail(&id).await) });
    r.pool.run_until_stalled();
    r.engine.clear();
    gate.open_all();
    r.pool.run_until_stalled();
    assert_eq!(ok.borrow_mut().take().unwrap(), Err(DetailError::Cleared));
    let (e, o) = (r.engine.clone(), ok.clone());
    futures_task_spawn(&r.pool.spawner(), async move { *o.borrow_mut() = Some(e.detail(&first_id).await) });
    r.pool.run_until_stalled();
    assert_eq!(ok.borrow_mut().take().unwrap(), Err(DetailError::NotLoaded));
}

#[test]
fn hostile_files_cost_only_themselves() {
    let mut r = rig(Limits::default());
    let good = gen::trail(Format::Array, 400, 15, 1);
    let bad_time = r#"[{"eventId":"t1","eventTime":"2025-11-01T00:00:00+中文:00","eventName":"X"},{"eventId":"t2","eventTime":"2025-11-01T00:00:00Z","eventName":"Y"}]"#.as_bytes().to_vec();
    let mut bomb = vec![0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3];
    bomb.extend(std::iter::repeat_n(b'n', 3 << 20));
    r.load(vec![
        MemorySource::shared("good.json", good),
        MemorySource::shared("time.json", bad_time),
        MemorySource::shared("header.gz", bomb),
        MemorySource::shared("zip.zip", b"PK\x03\x04\x14\x00rest".to_vec()),
        MemorySource::shared("empty.json", Vec::new()),
        MemorySource::shared("more.json", gen::trail(Format::Ndjson, 100, 16, 1)),
    ]);
    let reports = r.engine.reports();
    assert_eq!(r.engine.len(), 400 + 1 + 100);
    assert_eq!(reports[1].skipped, 1);
    assert!(matches!(reports[2].error, Some(FileProblem::Gzip(_))), "{:?}", reports[2].error);
    assert!(matches!(reports[3].error, Some(FileProblem::Binary { signature: Some(_) })));
    assert_eq!(reports[4].error, Some(FileProblem::Empty));
    assert_eq!(reports[5].events, 100);
}

/// What the worker sends the page reads back the same: the notices of a load with every kind of
/// file problem, and a filtered answer with facets, histogram and rows.
#[test]
fn real_notices_and_answers_survive_the_wire() {
    use console_core::trail::protocol::{from_wire, to_wire, Response};
    let mut r = rig(Limits::default());
    let mut bomb = vec![0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3];
    bomb.extend(std::iter::repeat_n(b'n', 1 << 16));
    r.load(vec![
        MemorySource::shared("good.json", gen::trail(Format::Array, 300, 31, 1)),
        MemorySource::shared("broken.ndjson", b"{\"eventId\":\"x\"}\nnot json\n[1]\n".to_vec()),
        MemorySource::shared("header.gz", bomb),
        MemorySource::shared("zip.zip", b"PK\x03\x04\x14\x00rest".to_vec()),
        MemorySource::shared("empty.json", Vec::new()),
    ]);
    r.engine.notice(true);
    let notices = r.notices.borrow().clone();
    assert!(notices.last().unwrap().updates.iter().any(|(_, f)| f.error.is_some()));
    for p in notices {
        let msg = Response::Progress(p);
        assert_eq!(from_wire::<Response>(&to_wire(&msg)).as_ref(), Ok(&msg));
    }
    let filter = Filter { text: "a".into(), errors_only: false, ..Filter::default() };
    let answer = r.engine.query(9, &filter, 10, 100, true);
    assert!(!answer.rows.is_empty() && !answer.result.facets.is_empty());
    let msg = Response::Result { answer, query_ms: 1.25 };
    assert_eq!(from_wire::<Response>(&to_wire(&msg)).as_ref(), Ok(&msg));
    let msg = Response::Rows(r.engine.rows(100, 50, false));
    assert_eq!(from_wire::<Response>(&to_wire(&msg)).as_ref(), Ok(&msg));
}

#[test]
fn a_gzip_file_damaged_after_its_events_still_exports_them() {
    // Found by the `engine` fuzz target: the load kept the events before the bad checksum, but
    // exporting re-inflated the file and failed on it, so nothing could be exported.
    let mut r = rig(Limits::default());
    let mut gz = gen::gzip(&gen::trail(Format::Ndjson, 30, 21, 1));
    let crc_at = gz.len() - 8;
    gz[crc_at] ^= 0xff;
    r.load(vec![MemorySource::shared("damaged.json.gz", gz), MemorySource::shared("ok.json", big(22))]);
    assert_eq!(r.engine.reports()[0].error, Some(FileProblem::Gzip(GzError::Checksum)));
    let loaded = r.engine.len();
    for format in [ExportFormat::Json, ExportFormat::Ndjson, ExportFormat::Csv] {
        let out = export(&mut r, format, Filter::default());
        r.pool.run_until_stalled();
        let (n, _) = out.borrow_mut().take().expect("done").expect("exported");
        assert_eq!(n as usize, loaded, "{format:?}");
    }
}

#[test]
fn the_event_cap_leaves_later_files_unread_and_says_why() {
    let mut r = rig(Limits { max_events: 1000, ..Limits::default() });
    r.load(vec![
        MemorySource::shared("a.json", gen::trail(Format::Array, 800, 17, 1)),
        MemorySource::shared("b.json", gen::trail(Format::Array, 800, 18, 1)),
        MemorySource::shared("c.json", gen::trail(Format::Array, 800, 19, 1)),
    ]);
    let reports = r.engine.reports();
    assert_eq!(r.engine.len(), 1000);
    assert_eq!((reports[0].events, reports[1].events), (800, 200));
    assert_eq!(reports[1].error, Some(FileProblem::StoreFull { limit: 1000 }));
    assert!(reports[2].not_read && reports[2].error == Some(FileProblem::StoreFull { limit: 1000 }));
}

#[test]
fn progress_notices_carry_only_changed_reports_and_add_up() {
    let mut r = rig(Limits::default());
    let files: Vec<Rc<dyn ByteSource>> =
        (0..5).map(|i| MemorySource::shared(&format!("f{i}.json"), gen::trail(Format::Array, 50, 20 + i, 1))).collect();
    r.load(files);
    let notices = r.notices.borrow();
    let last = notices.last().unwrap();
    assert_eq!((last.files, last.events, last.loading), (5, 250, false));
    assert_eq!(last.bytes_read, last.bytes_total);
    // Rebuilding the list from the updates gives every file's final report.
    let mut list = vec![None; 5];
    for n in notices.iter() {
        for (i, rep) in &n.updates {
            list[*i as usize] = Some(rep.clone());
        }
    }
    assert!(list.iter().all(|r| r.as_ref().is_some_and(|r| r.done && r.events == 50)));
}

/// How the engine uses its sources: which are open (read from and not yet released), the most
/// open at once, and every read's length against what the file had left.
#[derive(Default)]
struct Usage {
    open: RefCell<HashSet<String>>,
    most_open: Cell<usize>,
    releases: Cell<usize>,
    /// A read asked for more than the file had left, or more than `READ_CHUNK`.
    oversized: RefCell<Vec<String>>,
}

/// A source that reports its use to `Usage`; reads optionally wait on a gate.
struct Probe {
    inner: Rc<dyn ByteSource>,
    usage: Rc<Usage>,
    gate: Option<Rc<Gate>>,
}

impl ByteSource for Probe {
    fn name(&self) -> String {
        self.inner.name()
    }
    fn size(&self) -> u64 {
        self.inner.size()
    }
    fn read(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
        let u = &self.usage;
        u.open.borrow_mut().insert(self.name());
        u.most_open.set(u.most_open.get().max(u.open.borrow().len()));
        let left = self.size().saturating_sub(start);
        if end - start > left || end - start > console_core::trail::engine::READ_CHUNK {
            u.oversized.borrow_mut().push(format!("{} [{start}, {end}) of {}", self.name(), self.size()));
        }
        match &self.gate {
            None => self.inner.read(start, end),
            Some(g) => Box::pin(Gated { inner: self.inner.clone(), gate: g.clone() }.read_owned(start, end)),
        }
    }
    fn release(&self) {
        self.usage.releases.set(self.usage.releases.get() + 1);
        self.usage.open.borrow_mut().remove(&self.name());
    }
}

impl Gated {
    async fn read_owned(self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        self.read(start, end).await
    }
}

fn probes(usage: &Rc<Usage>, files: Vec<(String, Vec<u8>)>, gate: Option<&Rc<Gate>>) -> Vec<Rc<dyn ByteSource>> {
    files
        .into_iter()
        .map(|(name, bytes)| {
            Rc::new(Probe { inner: MemorySource::shared(&name, bytes), usage: usage.clone(), gate: gate.cloned() })
                as Rc<dyn ByteSource>
        })
        .collect()
}

/// `n` files of one event each (distinct ids), as ActionTrail's smallest deliveries.
fn one_event_files(n: u64, seed: u64) -> Vec<(String, Vec<u8>)> {
    (0..n).map(|i| (format!("e{seed}-{i}.json"), gen::trail(Format::Single, 1, seed * 1_000_000 + i + 1, 1))).collect()
}

#[test]
fn twenty_thousand_small_files_are_read_one_at_a_time_and_each_is_let_go() {
    let mut r = rig(Limits::default());
    let usage = Rc::new(Usage::default());
    let files = one_event_files(20_000, 1);
    let total_bytes: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    r.load(probes(&usage, files, None));
    assert_eq!(r.engine.len(), 20_000);
    assert_eq!(r.count(&Filter::default()), 20_000);
    let reports = r.engine.reports();
    assert!(reports.iter().all(|f| f.done && f.events == 1 && f.error.is_none() && f.bytes_read == f.size));
    // Bounded by what is read now: one file open at a time, none left open, reads sized to the file.
    assert_eq!(usage.most_open.get(), 1);
    assert!(usage.open.borrow().is_empty(), "still open: {:?}", usage.open.borrow());
    assert_eq!(usage.releases.get(), 20_000);
    assert_eq!(usage.oversized.borrow().as_slice(), &[] as &[String]);
    let last = r.notices.borrow().last().cloned().unwrap();
    assert_eq!((last.bytes_read, last.bytes_total, last.loading), (total_bytes, total_bytes, false));
}

#[test]
fn loading_the_same_files_twice_counts_each_event_once_and_opens_one_at_a_time() {
    let mut r = rig(Limits::default());
    let usage = Rc::new(Usage::default());
    let files = one_event_files(3_000, 2);
    // The second load arrives while the first is still running (Load pressed twice).
    let gate = Rc::new(Gate::default());
    r.load(probes(&usage, files.clone(), Some(&gate)));
    gate.allow(500);
    r.pool.run_until_stalled();
    r.load(probes(&usage, files, Some(&gate)));
    gate.open_all();
    r.pool.run_until_stalled();
    assert_eq!(r.engine.len(), 3_000);
    let reports = r.engine.reports();
    assert_eq!(reports.len(), 6_000);
    assert_eq!(reports[..3_000].iter().map(|f| f.events).sum::<u64>(), 3_000);
    assert_eq!(reports[3_000..].iter().map(|f| f.duplicates).sum::<u64>(), 3_000);
    assert!(reports.iter().all(|f| f.done && !f.not_read));
    assert_eq!(usage.most_open.get(), 1);
    assert!(usage.open.borrow().is_empty());
}

#[test]
fn cancel_then_load_again_loads_every_event_once_and_releases_the_cancelled_file() {
    let mut r = rig(Limits::default());
    let usage = Rc::new(Usage::default());
    let mut files = one_event_files(2_000, 3);
    // One big file in the middle, so the cancel lands inside a file being read.
    files.insert(700, ("big.json".into(), big(40)));
    let gate = Rc::new(Gate::default());
    r.load(probes(&usage, files.clone(), Some(&gate)));
    gate.allow(702);
    r.pool.run_until_stalled();
    assert_eq!(usage.open.borrow().iter().collect::<Vec<_>>(), ["big.json"]);
    r.engine.cancel();
    gate.open_all();
    r.pool.run_until_stalled();
    assert!(usage.open.borrow().is_empty(), "a cancelled file is let go");
    let reports = r.engine.reports();
    assert!(reports[700].cancelled && !reports[700].not_read && reports[700].bytes_read < reports[700].size);
    assert!(reports[701..].iter().all(|f| f.not_read && f.cancelled));
    let before = r.engine.len();
    assert!((700..32_000).contains(&before), "{before}");
    // Load again: the rest arrives, what was there is not counted twice.
    r.load(probes(&usage, files, None));
    assert_eq!(r.engine.len(), 2_000 + 30_000);
    assert_eq!(usage.most_open.get(), 1);
    assert!(usage.open.borrow().is_empty());
}

#[test]
fn a_clear_during_a_read_lets_the_file_go_when_the_read_returns() {
    let mut r = rig(Limits::default());
    let usage = Rc::new(Usage::default());
    let gate = Rc::new(Gate::default());
    r.load(probes(&usage, vec![("big.json".into(), big(41))], Some(&gate)));
    gate.allow(1);
    r.pool.run_until_stalled();
    assert_eq!(usage.open.borrow().len(), 1);
    r.engine.clear();
    gate.open_all();
    r.pool.run_until_stalled();
    assert!(usage.open.borrow().is_empty());
    assert_eq!(r.engine.len(), 0);
}

#[test]
fn details_and_exports_let_their_files_go_too() {
    let mut r = rig(Limits::default());
    let usage = Rc::new(Usage::default());
    let files = vec![
        ("a.json".to_string(), gen::trail(Format::Array, 2_000, 42, 1)),
        ("b.json.gz".to_string(), gen::gzip(&gen::trail(Format::Ndjson, 2_000, 43, 1))),
    ];
    let id = ids(&files[0].1).into_iter().next().unwrap();
    r.load(probes(&usage, files, None));
    let releases = usage.releases.get();
    let ok = Rc::new(RefCell::new(None));
    let (e, o) = (r.engine.clone(), ok.clone());
    futures_task_spawn(&r.pool.spawner(), async move { *o.borrow_mut() = Some(e.detail(&id).await) });
    r.pool.run_until_stalled();
    assert!(ok.borrow_mut().take().unwrap().is_ok());
    assert!(usage.open.borrow().is_empty() && usage.releases.get() == releases + 1);
    for format in [ExportFormat::Json, ExportFormat::Ndjson] {
        let out = export(&mut r, format, Filter::default());
        r.pool.run_until_stalled();
        assert_eq!(out.borrow_mut().take().unwrap().unwrap().0, 4_000);
        assert!(usage.open.borrow().is_empty());
    }
    assert_eq!(usage.oversized.borrow().as_slice(), &[] as &[String]);
}

#[test]
fn the_engine_says_which_file_it_starts_before_reading_it() {
    // The page's recovery relies on this: if reading a file kills the worker, the last file it
    // said it started is the one to blame, however far behind the paced notices are.
    let mut r = rig(Limits::default());
    let usage = Rc::new(Usage::default());
    let heard = Rc::new(RefCell::new(Vec::new()));
    let h = heard.clone();
    let u = usage.clone();
    r.engine.on_reading(move |generation, file, name| {
        assert_eq!(name, format!("e{}-{file}.json", 4 + generation));
        h.borrow_mut().push((generation, file, u.open.borrow().len()))
    });
    r.load(probes(&usage, one_event_files(3, 4), None));
    r.engine.clear();
    r.load(probes(&usage, one_event_files(2, 5), None));
    // Each told before any of its bytes were asked for (nothing open yet), in order, per generation.
    assert_eq!(*heard.borrow(), [(0, 0, 0), (0, 1, 0), (0, 2, 0), (1, 0, 0), (1, 1, 0)]);
}

#[test]
fn a_buckets_history_says_what_each_change_asked_for_read_back_from_a_gzip_file() {
    use console_core::trail::change::Change;
    let mut r = rig(Limits::default());
    let event = |id: &str, minute: u32, name: &str, params: &str| {
        format!(
            r#"{{"eventId":"{id}","eventTime":"2026-01-01T00:{minute:02}:00Z","eventName":"{name}","referencedResources":{{"ACS::OSS::Bucket":["b1"]}},"requestParameters":{params}}}"#
        )
    };
    let lines = [
        event("T1", 1, "PutBucketAccessMonitor", r#"{"AccessMonitorConfiguration":{"Status":"Enabled"}}"#),
        event(
            "L1",
            2,
            "PutBucketLifecycle",
            r#"{"LifecycleConfiguration":{"Rule":[{"ID":"atime-to-ia"},{"ID":"logs"}]}}"#,
        ),
        event("G1", 3, "GetBucketAccessMonitor", "{}"),
        event("T2", 4, "PutBucketAccessMonitor", r#"{"AccessMonitorConfiguration":{"Status":"Disabled"}}"#),
        event("D1", 5, "DeleteBucketLifecycle", "{}"),
    ];
    let data = gen::gzip(lines.join("\n").as_bytes());
    r.load(vec![MemorySource::shared("h.ndjson.gz", data)]);
    assert_eq!(r.engine.len(), 5);
    let got = Rc::new(RefCell::new(None));
    let (e, g) = (r.engine.clone(), got.clone());
    futures_task_spawn(
        &r.pool.spawner(),
        async move { *g.borrow_mut() = Some(e.bucket_history_changes("b1", 10).await) },
    );
    r.pool.run_until_stalled();
    let (entries, total) = got.borrow_mut().take().unwrap();
    assert_eq!(total, 5);
    let changes: Vec<(&str, Option<Change>)> =
        entries.iter().map(|h| (h.row.event_id.as_str(), h.change.clone())).collect();
    assert_eq!(
        changes,
        [
            ("D1", Some(Change::RulesDeleted)),
            ("T2", Some(Change::Tracking("Disabled".into()))),
            ("G1", None),
            ("L1", Some(Change::Rules(vec!["atime-to-ia".into(), "logs".into()]))),
            ("T1", Some(Change::Tracking("Enabled".into()))),
        ]
    );
}

/// A source whose front-to-back reads bring fewer bytes than asked, as the worker's read-ahead
/// does (the first megabyte of a big file, then a piece at a time): `first` bytes, then at most
/// `most` a read. Its other reads bring all they ask.
struct Short {
    inner: Rc<dyn ByteSource>,
    first: u64,
    most: u64,
}

impl ByteSource for Short {
    fn name(&self) -> String {
        self.inner.name()
    }
    fn size(&self) -> u64 {
        self.inner.size()
    }
    fn read(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
        self.inner.read(start, end)
    }
    fn read_some(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
        let most = if start == 0 { self.first } else { self.most };
        self.inner.read(start, end.min(start + most))
    }
}

#[test]
fn reads_that_bring_fewer_bytes_than_asked_lose_nothing_in_a_load_or_an_export() {
    let data = big(12);
    let want = ids(&data);
    let some_id = want.iter().next().unwrap().clone();
    for (first, most) in [(1 << 20, 4 << 20), (1000, 3 << 20), (1, 777_777), (1, 100)] {
        let mut r = rig(Limits::default());
        let gz = gen::gzip(&data);
        r.load(vec![
            Rc::new(Short { inner: MemorySource::shared("a.json", data.clone()), first, most }),
            Rc::new(Short { inner: MemorySource::shared("b.json.gz", gz), first, most }),
        ]);
        assert_eq!(r.engine.len(), want.len(), "{first}/{most}: every event, once");
        let reports = r.engine.reports();
        assert!(
            reports.iter().all(|f| f.events + f.duplicates == want.len() as u64 && f.skips.is_empty()),
            "{first}/{most}"
        );
        let out = export(&mut r, ExportFormat::Json, Filter::default());
        r.pool.run_until_stalled();
        let (n, json) = out.borrow_mut().take().unwrap().unwrap();
        assert_eq!((n as usize, ids(json.as_bytes())), (want.len(), want.clone()), "{first}/{most}: exported whole");
        // A detail reads its event whole (events here are longer than 100 bytes).
        let got = Rc::new(RefCell::new(None));
        let (e, o, id) = (r.engine.clone(), got.clone(), some_id.clone());
        futures_task_spawn(&r.pool.spawner(), async move { *o.borrow_mut() = Some(e.detail(&id).await) });
        r.pool.run_until_stalled();
        let detail = got.borrow_mut().take().unwrap().unwrap();
        assert_eq!(serde_json::from_str::<Value>(&detail.json).unwrap()["eventId"], some_id.as_str(), "{first}/{most}");
    }
}
