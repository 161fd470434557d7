//! Time each loading phase on a generated trail: `cargo run --release -p console-core --example phases [N]`.
use console_core::trail::gen::{self, Format};
use console_core::trail::parse::parse_event;
use console_core::trail::split::{Piece, Splitter};
use console_core::trail::store::{SourceRef, Store};
use std::time::Instant;

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let data = gen::trail(Format::Array, n, 42, 30);
    let mb = data.len() as f64 / 1e6;
    let t = Instant::now();
    let mut objs: Vec<(usize, usize)> = Vec::new();
    let mut sp = Splitter::boundaries_only();
    for c in data.chunks(4 << 20) {
        sp.feed(c, &mut |p| {
            if let Piece::Object { bytes, offset, .. } = p {
                objs.push((offset as usize, bytes.len()));
            }
        });
    }
    let split = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut parsed = 0;
    for &(o, l) in &objs {
        if parse_event(&data[o..o + l]).is_ok() {
            parsed += 1;
        }
    }
    let parse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut s = Store::new();
    for &(o, l) in &objs {
        let p = parse_event(&data[o..o + l]).unwrap();
        s.add(&p, SourceRef { file: 0, offset: o as u64, len: l as u32, wrapping: p.wrapping });
    }
    let parse_add = t.elapsed().as_secs_f64();
    let t = Instant::now();
    s.finalize();
    let fin = t.elapsed().as_secs_f64();
    println!("{n} events, {mb:.0} MB: split {:.0} MB/s ({split:.2}s) | parse {:.0} MB/s ({parse:.2}s, {parsed}) | parse+add {parse_add:.2}s (add ≈ {:.2}s) | finalize {fin:.2}s",
        mb / split, mb / parse, parse_add - parse);
}
