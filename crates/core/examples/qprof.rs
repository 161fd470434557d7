//! Where a query's time goes at 1M events (natively; the worker's wasm is about 2–3× slower):
//! `CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo run --release -p console-core --example qprof [N]`.
use console_core::trail::gen::{self, Format};
use console_core::trail::load::load_bytes;
use console_core::trail::query::Filter;
use console_core::trail::store::{Field, Store};
use std::time::Instant;

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let mut s = Store::new();
    let t = Instant::now();
    load_bytes(&mut s, 0, "x", &gen::trail(Format::Array, n, 7, 30), 4 << 20);
    println!("load {:?}; store ≈ {} MB", t.elapsed(), s.heap_bytes() >> 20);
    let text = |t: &str| Filter { text: t.into(), ..Default::default() };
    let name = s.query(&Filter::default(), 10, 120).facets[0].top[1].value.clone();
    for (label, f) in [
        ("no filter", Filter::default()),
        ("errors", Filter { errors_only: true, ..Default::default() }),
        ("facet click", Filter { include: vec![(Field::EventName, vec![name.clone()])], ..Default::default() }),
        ("again", Filter { include: vec![(Field::EventName, vec![name])], ..Default::default() }),
        ("search a", text("a")),
        ("search al", text("al")),
        ("search ali", text("ali")),
        ("search aliy", text("aliy")),
        ("search part-00", text("part-00")),
    ] {
        let t = Instant::now();
        let (r, sel) = s.query_select(&f, 50, 120);
        let q = t.elapsed();
        let t = Instant::now();
        let _rows = s.rows(&sel, 0, 100, true);
        println!("{label:>14}: query {q:?} | rows {:?} | filtered {}", t.elapsed(), r.summary.filtered);
    }
}
