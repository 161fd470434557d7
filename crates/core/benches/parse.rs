//! Per-event parsing, the serde reference `parse_event` against `parse_event_fast`, on generated
//! events already split out of their file (array format, ≈780 B each; SLS lines, where the event
//! is a JSON string, too). Throughput in MiB/s and in events/s.
//!
//! The `bench` profile inherits `release`, which optimizes for size; the worker is built with
//! opt-level 3, so measure as it runs there:
//! `CARGO_PROFILE_BENCH_OPT_LEVEL=3 cargo bench -p console-core --bench parse`.
//!
//! Times are the thread's on-CPU time where Linux reports it (else wall-clock time): on a shared
//! machine, waiting for a core would otherwise swing the figures by 2x.

use console_core::trail::gen::{self, Format};
use console_core::trail::parse::{parse_event, ParseError, Parsed};
use console_core::trail::scan::parse_event_fast;
use console_core::trail::split::{Piece, Splitter};
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Criterion's measurement in this thread's on-CPU time (`/proc/thread-self/schedstat`), falling
/// back to wall-clock time; values in nanoseconds, shown as durations.
struct OnCpu;

/// Nanoseconds on a CPU so far, or since the first call by the wall clock.
fn now_ns() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let on_cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok());
    match on_cpu {
        Some(ns) => ns as f64,
        None => START.get_or_init(Instant::now).elapsed().as_nanos() as f64,
    }
}

impl Measurement for OnCpu {
    type Intermediate = f64;
    type Value = f64;
    fn start(&self) -> f64 {
        now_ns()
    }
    fn end(&self, start: f64) -> f64 {
        now_ns() - start
    }
    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }
    fn zero(&self) -> f64 {
        0.0
    }
    fn to_f64(&self, v: &f64) -> f64 {
        *v
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
}

/// The event objects of a generated trail, each its own allocation as the loader hands them on.
fn events(format: Format, n: u64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    Splitter::boundaries_only().feed(&gen::trail(format, n, 42, 30), &mut |p| {
        if let Piece::Object { bytes, .. } = p {
            out.push(bytes.to_vec());
        }
    });
    out
}

type Parser = for<'a> fn(&'a [u8]) -> Result<Parsed<'a>, ParseError>;
const PARSERS: [(&str, Parser); 2] = [("parse_event", parse_event), ("parse_event_fast", parse_event_fast)];

fn parse(c: &mut Criterion<OnCpu>) {
    for (format, name) in [(Format::Array, "array"), (Format::SlsLines, "sls")] {
        let events = events(format, 20_000);
        let bytes: usize = events.iter().map(Vec::len).sum();
        let throughputs =
            [("MiB/s", Throughput::Bytes(bytes as u64)), ("events/s", Throughput::Elements(events.len() as u64))];
        for (unit, throughput) in throughputs {
            if format == Format::SlsLines && unit == "events/s" {
                continue;
            }
            let mut g = c.benchmark_group(format!("parse {name} ({unit})"));
            g.sample_size(20).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
            g.throughput(throughput);
            for (parser, f) in PARSERS {
                g.bench_function(parser, |b| {
                    b.iter(|| {
                        let ok = events.iter().filter(|e| f(e).is_ok()).count();
                        assert_eq!(ok, events.len());
                    })
                });
            }
            g.finish();
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(OnCpu);
    targets = parse
}
criterion_main!(benches);
