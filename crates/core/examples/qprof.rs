//! Where a query's time goes at 1M events: `cargo run --release -p console-core --example qprof`.
use console_core::trail::gen::{self, Format};
use console_core::trail::load::load_bytes;
use console_core::trail::query::Filter;
use console_core::trail::store::{Field, Store};
use std::time::Instant;

fn main() {
    let mut s = Store::new();
    load_bytes(&mut s, 0, "x", &gen::trail(Format::Ndjson, 1_000_000, 42, 30), 4 << 20);
    for (name, f) in [
        ("errors", Filter { errors_only: true, ..Default::default() }),
        ("eventName", Filter { include: vec![(Field::EventName, vec!["PutBucketAcl".into()])], ..Default::default() }),
    ] {
        let t = Instant::now();
        let sel = s.select(&f);
        let a = t.elapsed();
        let t = Instant::now();
        let (r, _) = s.query_select(&f, 10, 120);
        let b = t.elapsed();
        let t = Instant::now();
        let _rows = s.rows(&sel, 0, 200, false);
        let c = t.elapsed();
        println!("{name}: select {a:?} | query_select {b:?} | 200 rows {c:?} | filtered {}", r.summary.filtered);
    }
}
