//! Per-event parsing, the serde reference `parse_event` against `parse_event_fast`, on generated
//! events already split out of their file (array format, ≈780 B each; SLS lines, where the event
//! is a JSON string, too). Throughput in MiB/s and in events/s.
//!
//! The `bench` profile inherits `release`, which optimizes for size; the worker is built with
//! opt-level 3, so measure as it runs there:
//! `CARGO_PROFILE_BENCH_OPT_LEVEL=3 cargo bench -p console-core --bench parse`.

use console_core::trail::gen::{self, Format};
use console_core::trail::parse::{parse_event, ParseError, Parsed};
use console_core::trail::scan::parse_event_fast;
use console_core::trail::split::{Piece, Splitter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

/// The event objects of a generated trail, each its own allocation as the loader hands them on.
fn events(format: Format, n: u64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    Splitter::new().feed(&gen::trail(format, n, 42, 30), &mut |p| {
        if let Piece::Object { bytes, .. } = p {
            out.push(bytes.to_vec());
        }
    });
    out
}

type Parser = for<'a> fn(&'a [u8]) -> Result<Parsed<'a>, ParseError>;
const PARSERS: [(&str, Parser); 2] = [("parse_event", parse_event), ("parse_event_fast", parse_event_fast)];

fn parse(c: &mut Criterion) {
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

criterion_group!(benches, parse);
criterion_main!(benches);
