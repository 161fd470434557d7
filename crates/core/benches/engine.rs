//! Host benchmarks of the event engine: sniff + parse + index (MB/s) and queries (ms), at 100k
//! and 1M events. `cargo bench -p console-core --bench engine` (README: "Benchmarks").

use console_core::trail::gen::{self, Format};
use console_core::trail::load::load_bytes;
use console_core::trail::query::Filter;
use console_core::trail::store::{Field, Store};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

const SIZES: [u64; 2] = [100_000, 1_000_000];

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    for n in SIZES {
        let plain = gen::trail(Format::Array, n, 42, 30);
        let gz = gen::gzip(&plain);
        for (name, bytes) in [("json", &plain), ("json.gz", &gz)] {
            g.throughput(Throughput::Bytes(plain.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, n), bytes, |b, bytes| {
                b.iter(|| {
                    let mut s = Store::new();
                    let r = load_bytes(&mut s, 0, "bench", bytes, 4 << 20);
                    assert_eq!(r.events, n);
                    s
                })
            });
        }
        let mut s = Store::new();
        load_bytes(&mut s, 0, "bench", &plain, 4 << 20);
        println!(
            "{n} events: {:.0} MB of JSON ({:.0} MB gzipped), store ≈ {:.0} MB",
            plain.len() as f64 / 1e6,
            gz.len() as f64 / 1e6,
            s.heap_bytes() as f64 / 1e6
        );
    }
    g.finish();
}

fn query(c: &mut Criterion) {
    let mut g = c.benchmark_group("query");
    g.sample_size(20);
    for n in SIZES {
        let mut s = Store::new();
        load_bytes(&mut s, 0, "bench", &gen::trail(Format::Ndjson, n, 42, 30), 4 << 20);
        let filters = [
            ("all", Filter::default()),
            (
                "eventName",
                Filter { include: vec![(Field::EventName, vec!["PutBucketAcl".into()])], ..Default::default() },
            ),
            (
                "three fields",
                Filter {
                    include: vec![
                        (Field::AcsRegion, vec!["cn-hangzhou".into(), "cn-shanghai".into()]),
                        (Field::IdentityType, vec!["assumed-role".into()]),
                    ],
                    exclude: vec![(Field::EventRw, vec!["Read".into()])],
                    ..Default::default()
                },
            ),
            ("errors", Filter { errors_only: true, ..Default::default() }),
            ("text", Filter { text: "part-0042".into(), ..Default::default() }),
        ];
        for (name, f) in filters {
            g.bench_with_input(BenchmarkId::new(name, n), &f, |b, f| b.iter(|| s.query_select(f, 10, 120)));
        }
    }
    g.finish();
}

criterion_group!(benches, load, query);
criterion_main!(benches);
