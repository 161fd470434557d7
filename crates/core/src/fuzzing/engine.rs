//! Target `engine`: the event engine as a controller, driven by a fuzz-chosen sequence of
//! operations (add files, let reads through, clear, cancel, query, page, detail, export) with
//! every read held at a gate, so each operation can land at any await point of a load, a detail
//! or an export. After every step it checks what a user relies on:
//! - nothing panics, and every task ends once its reads are answered;
//! - the event count is the sum of the loaded events in the current generation's reports;
//! - a query never returns more rows than there are events, a page never more than asked;
//! - nothing from before a Clear survives it: no report, no event, no detail or export that
//!   finishes after it with old data;
//! - an export that succeeds is well formed (JSON, NDJSON, or CSV with every cell quoted).

use super::executor::{Steps, Tasks};
use super::{check, event_file, Choices};
use crate::trail::engine::{ByteSource, Clock, Engine, LocalFuture, READ_CHUNK};
use crate::trail::load::Limits;
use crate::trail::protocol::{DetailError, ExportError, ExportFormat, Progress};
use crate::trail::query::Filter;
use crate::trail::store::{Field, FIELDS};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::Poll;

/// Holds reads (or pauses) until the target lets them through.
#[derive(Default)]
struct Gate {
    permits: Cell<usize>,
    open: Cell<bool>,
}

impl Gate {
    fn pass(&self, steps: &Steps) -> Poll<()> {
        if self.open.get() || self.permits.get() > 0 {
            self.permits.set(self.permits.get().saturating_sub(1));
            steps.set(steps.get() + 1);
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// A file in memory behind a gate, which may misbehave: a size that lies, short reads, a read
/// that fails.
struct Source {
    bytes: Rc<Vec<u8>>,
    stated: u64,
    max_read: usize,
    fail_at: Option<usize>,
    reads: Cell<usize>,
    gate: Rc<Gate>,
    steps: Steps,
}

impl Source {
    fn honest(&self) -> bool {
        self.stated == self.bytes.len() as u64 && self.fail_at.is_none() && self.max_read as u64 >= READ_CHUNK
    }
}

impl ByteSource for Source {
    fn name(&self) -> String {
        "fuzz.json".into()
    }
    fn size(&self) -> u64 {
        self.stated
    }
    fn read(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
        Box::pin(async move {
            std::future::poll_fn(|_| self.gate.pass(&self.steps)).await;
            let k = self.reads.get();
            self.reads.set(k + 1);
            if self.fail_at == Some(k) {
                return Err("NotReadableError".into());
            }
            let len = self.bytes.len() as u64;
            let a = start.min(len) as usize;
            let z = (end.min(len) as usize).max(a).min(a.saturating_add(self.max_read));
            Ok(self.bytes[a..z].to_vec())
        })
    }
}

struct TestClock {
    now: Cell<f64>,
    pauses: Rc<Gate>,
    steps: Steps,
}

impl Clock for TestClock {
    fn now_ms(&self) -> f64 {
        self.now.set(self.now.get() + 7.0);
        self.now.get()
    }
    fn sleep(&self, _ms: u64) -> LocalFuture<'_, ()> {
        Box::pin(std::future::poll_fn(|_| self.pauses.pass(&self.steps)))
    }
}

struct Rig {
    engine: Rc<Engine>,
    tasks: Tasks,
    steps: Steps,
    /// Every gate made (old generations' too: their reads must be able to end).
    gates: Vec<Rc<Gate>>,
    /// The current generation's files: their gates, and whether each source is honest.
    files: Vec<(Rc<Gate>, bool)>,
    /// Whether every current file is honest, read by tasks when they start (not when spawned:
    /// files added in between are part of what they read).
    honest: Rc<Cell<bool>>,
    pauses: Rc<Gate>,
    notices: Rc<RefCell<Vec<Progress>>>,
    clears: u64,
    /// Values seen in rows (ids for details, values for filters).
    seen: Vec<String>,
    /// The last query's id and selection size, while no Clear has come after it.
    last_query: Option<(u64, usize)>,
    next_id: u64,
}

impl Rig {
    fn new(limits: Limits) -> Rig {
        let steps = Steps::default();
        let pauses = Rc::new(Gate::default());
        pauses.open.set(true);
        let clock = TestClock { now: Cell::new(1_000.0), pauses: pauses.clone(), steps: steps.clone() };
        let notices = Rc::new(RefCell::new(Vec::new()));
        let n = notices.clone();
        let engine = Engine::new(Rc::new(clock), limits, move |p| n.borrow_mut().push(p));
        Rig {
            engine,
            tasks: Tasks::default(),
            steps,
            gates: Vec::new(),
            files: Vec::new(),
            honest: Rc::new(Cell::new(true)),
            pauses,
            notices,
            clears: 0,
            seen: Vec::new(),
            last_query: None,
            next_id: 1,
        }
    }

    fn add_files(&mut self, c: &mut Choices) {
        let mut sources: Vec<Rc<dyn ByteSource>> = Vec::new();
        for _ in 0..c.range(1, 3) {
            let file = event_file::event_file(c, 12);
            let len = file.bytes.len() as u64;
            let gate = Rc::new(Gate::default());
            let source = Source {
                stated: if c.chance(10) {
                    len.saturating_add(c.below(100) as u64).saturating_sub(c.below(50) as u64)
                } else {
                    len
                },
                max_read: if c.chance(30) { c.size(4096) } else { READ_CHUNK as usize },
                fail_at: c.chance(10).then(|| c.below(4)),
                bytes: Rc::new(file.bytes),
                reads: Cell::new(0),
                gate: gate.clone(),
                steps: self.steps.clone(),
            };
            self.files.push((gate.clone(), source.honest()));
            self.gates.push(gate);
            sources.push(Rc::new(source));
        }
        self.honest.set(self.files.iter().all(|f| f.1));
        self.engine.add_files(sources);
        self.spawn_pump();
    }

    fn spawn_pump(&mut self) {
        let e = self.engine.clone();
        self.tasks.spawn(async move { e.pump().await });
    }

    fn filter(&self, c: &mut Choices) -> Filter {
        let mut f = Filter::default();
        for _ in 0..c.below(3) {
            let field = *c.pick(FIELDS);
            let v = if c.chance(60) && !self.seen.is_empty() { c.pick(&self.seen).clone() } else { c.odd_text(12) };
            if c.flag() {
                f.toggle(field, &v, c.flag());
            } else {
                f.include.push((field, vec![v.clone(), v]));
            }
        }
        if c.chance(30) {
            f.from_ms = Some(c.edgy_i64());
        }
        if c.chance(30) {
            f.to_ms = Some(c.edgy_i64());
        }
        if c.chance(20) {
            f.text = if c.flag() && !self.seen.is_empty() { c.pick(&self.seen).clone() } else { c.odd_text(16) };
        }
        f.errors_only = c.chance(10);
        f.sensitive_only = c.chance(10);
        f
    }

    fn query(&mut self, c: &mut Choices) {
        let filter = self.filter(c);
        let (facet_limit, rows, desc) = (c.below(12), c.below(200), c.flag());
        let id = self.next_id;
        self.next_id += 1;
        let len = self.engine.len();
        let a = self.engine.query(id, &filter, facet_limit, rows, desc);
        assert_eq!(a.id, id);
        assert!(a.selected <= len, "a query selected {} of {len} events", a.selected);
        assert_eq!(a.rows.len(), rows.min(a.selected), "first page of {rows} from {}", a.selected);
        assert_eq!(a.result.summary.total as usize, len);
        assert_eq!(a.result.summary.filtered as usize, a.selected);
        for r in &a.rows {
            for v in [&r.event_id, &r.event_name, &r.identity, &r.bucket] {
                if self.seen.len() < 64 && !v.is_empty() {
                    self.seen.push(v.clone());
                }
            }
        }
        self.last_query = Some((id, a.selected));
    }

    fn rows(&mut self, c: &mut Choices) {
        let offset = if c.flag() { c.below(300) } else { usize::MAX - c.below(3) };
        let limit = if c.flag() { c.below(300) } else { usize::MAX - c.below(3) };
        let a = self.engine.rows(offset, limit, c.flag());
        let (id, selected) = self.last_query.unwrap_or((0, 0));
        assert_eq!(a.id, id, "rows answer for another query");
        assert_eq!(a.rows.len(), limit.min(selected.saturating_sub(offset)), "page {offset}+{limit} of {selected}");
    }

    fn detail(&mut self, c: &mut Choices) {
        let id = if c.chance(70) && !self.seen.is_empty() { c.pick(&self.seen).clone() } else { c.odd_text(24) };
        let (e, honest) = (self.engine.clone(), self.honest.clone());
        self.tasks.spawn(async move {
            let (g0, honest) = (e.generation(), honest.get());
            let r = e.clone().detail(&id).await;
            let g1 = e.generation();
            match r {
                Ok(d) => {
                    assert_eq!(g0, g1, "a detail read before a Clear was shown after it");
                    if honest {
                        if let Some(v) = json(&d.json) {
                            assert!(v.is_object(), "detail of {id:?} is not an object: {}", d.json);
                        }
                    }
                }
                Err(DetailError::Cleared) => assert_ne!(g0, g1, "Cleared without a Clear"),
                Err(_) => {}
            }
        });
    }

    /// Insights, a profile and a bucket's history (with its changes read back) over whatever is
    /// loaded: well-formed, bounded, ordered.
    fn insights(&mut self, c: &mut Choices) {
        use crate::trail::insights::{self, Kind};
        let found = self.engine.insights();
        assert!(found.list.len() <= insights::MAX_INSIGHTS && found.list.len() <= found.found);
        assert_eq!(found.events, self.engine.len() as u64);
        for w in found.list.windows(2) {
            assert!(w[0].severity >= w[1].severity, "insights out of order: {:?}", found.list);
        }
        for i in &found.list {
            assert!(i.from_ms < i.to_ms, "an empty window: {i:?}");
            assert!(!i.value.is_empty() || i.kind == Kind::SensitiveChange, "no subject: {i:?}");
        }
        let field = if c.flag() { Field::UserName } else { Field::AccessKeyId };
        let value = if c.flag() { "root".to_string() } else { c.odd_text(12) };
        if let Some(p) = self.engine.profile(field, &value) {
            assert!(p.events > 0 && p.first_ms <= p.last_ms);
            assert_eq!(p.activity.iter().sum::<u64>(), p.events, "activity does not add up");
            assert!(p.errors <= p.events && p.writes <= p.events && p.sensitive <= p.events);
        }
        let bucket = c.odd_text(8);
        let e = self.engine.clone();
        self.tasks.spawn(async move {
            let (entries, total) = e.bucket_history_changes(&bucket, 20).await;
            assert!(entries.len() as u64 <= total && entries.len() <= 20);
        });
    }

    fn export(&mut self, c: &mut Choices) {
        let format = *c.pick(&[ExportFormat::Csv, ExportFormat::Json, ExportFormat::Ndjson]);
        let filter = self.filter(c);
        let (e, honest) = (self.engine.clone(), self.honest.clone());
        self.tasks.spawn(async move {
            let (g0, honest) = (e.generation(), honest.get());
            let len = e.len();
            let mut text = String::new();
            let r = e.clone().export(format, &filter, &mut |piece| text.push_str(&piece)).await;
            let g1 = e.generation();
            match r {
                Ok(n) => {
                    assert_eq!(g0, g1, "an export from before a Clear finished after it");
                    assert!(n as usize <= len, "exported {n} of {len} events");
                    if honest {
                        well_formed(format, &text, n);
                    }
                }
                Err(ExportError::Cleared) => assert_ne!(g0, g1, "Cleared without a Clear"),
                Err(err) => assert!(!honest, "export of honest files failed: {err}"),
            }
        });
    }

    fn clear(&mut self) {
        self.engine.clear();
        self.clears += 1;
        self.files.clear();
        self.honest.set(true);
        self.seen.clear();
        self.last_query = None;
        assert!(self.engine.is_empty() && self.engine.reports().is_empty(), "a Clear kept something");
    }

    /// What holds between any two steps.
    fn check(&mut self) {
        let reports = self.engine.reports();
        assert_eq!(self.engine.generation(), self.clears);
        assert_eq!(reports.len(), self.files.len(), "reports for files of another generation");
        let sum: u64 = reports.iter().map(|r| r.events).sum();
        assert_eq!(sum, self.engine.len() as u64, "events counted in reports vs events held");
        let mut notices = self.notices.borrow_mut();
        let mut generation = 0;
        for p in notices.drain(..) {
            assert!(p.generation >= generation, "a notice from an older generation came late");
            generation = p.generation;
            assert!(p.updates.iter().all(|(i, _)| *i < p.files), "a report update for a file not there");
        }
    }

    fn open_all(&mut self) {
        for g in &self.gates {
            g.open.set(true);
        }
        self.pauses.open.set(true);
        self.tasks.run(&self.steps);
    }
}

/// `text` as JSON; `None` when serde_json cannot say: past its nesting limit (valid JSON all the
/// same), or a bad escape or control character inside a string, which exports copy verbatim
/// from a source whose events the loader accepted (it does not check strings it skips).
fn json(text: &str) -> Option<serde_json::Value> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e)
            if ["recursion limit", "escape", "surrogate", "code point", "control character"]
                .iter()
                .any(|m| e.to_string().contains(m)) =>
        {
            None
        }
        Err(e) => panic!("not JSON ({e}): {text}"),
    }
}

/// An export's text is what its format promises, with `n` events.
fn well_formed(format: ExportFormat, text: &str, n: u64) {
    match format {
        ExportFormat::Json => {
            if let Some(v) = json(text) {
                assert_eq!(v.as_array().map(Vec::len), Some(n as usize), "JSON export of {n} events");
            }
        }
        ExportFormat::Ndjson => {
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len() as u64, n, "NDJSON export of {n} events");
            for l in lines {
                if let Some(v) = json(l) {
                    assert!(v.is_object(), "NDJSON line not an object: {l}");
                }
            }
        }
        ExportFormat::Csv => check::csv_export(text, n as usize),
    }
}

/// Run one case; panics only on a broken promise.
pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let mut limits = super::events::limits(&mut c);
    // Small files: keep the byte caps from making every gzip a bomb.
    limits.ratio_after_bytes = limits.ratio_after_bytes.max(1 << 16);
    let mut rig = Rig::new(limits);
    let mut ops = 0;
    while !c.is_empty() && ops < 64 {
        ops += 1;
        match c.byte() % 15 {
            0 | 1 => rig.add_files(&mut c),
            2 | 3 => {
                if !rig.gates.is_empty() {
                    let g = c.pick(&rig.gates).clone();
                    g.permits.set(g.permits.get() + c.range(1, 4));
                }
                rig.tasks.run(&rig.steps);
            }
            4 => {
                if let Some((g, _)) = rig.files.get(c.below(rig.files.len().max(1))) {
                    g.open.set(true);
                }
                rig.tasks.run(&rig.steps);
            }
            5 => rig.clear(),
            6 => rig.engine.cancel(),
            7 | 8 => rig.query(&mut c),
            9 => rig.rows(&mut c),
            10 => rig.detail(&mut c),
            11 => rig.export(&mut c),
            12 => {
                rig.pauses.open.set(c.flag());
                rig.pauses.permits.set(c.below(3));
            }
            13 => rig.insights(&mut c),
            _ => rig.spawn_pump(),
        }
        rig.check();
    }
    rig.open_all();
    rig.check();
    assert!(rig.tasks.is_empty(), "{} tasks never ended after every read was answered", rig.tasks.len());
    assert!(!rig.engine.loading(), "still loading with every read answered");
    assert!(rig.engine.reports().iter().all(|r| r.done), "a file never finished");
    rig.query(&mut c);
}
