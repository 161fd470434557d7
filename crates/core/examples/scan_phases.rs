//! Where a whole load's time goes with the fast parser, against the serde reference: split, parse
//! (`parse_event` and `parse_event_fast`), `Store::add`, finalize, each the best of a few runs of
//! on-CPU time (so that other work on a shared machine counts less).
//! `cargo run --profile worker-release -p console-core --example scan_phases [N]` (the worker's
//! optimization level; the plain `release` profile optimizes for size).
use console_core::trail::gen::{self, Format};
use console_core::trail::parse::parse_event;
use console_core::trail::scan::{parse_event_at, parse_event_fast};
use console_core::trail::split::{Piece, Splitter};
use console_core::trail::store::{SourceRef, Store};
use std::hint::black_box;
use std::time::Instant;

/// This thread's time on a CPU so far, in seconds, where Linux tells it: on a shared machine that
/// leaves out the time spent waiting for a core. Else None (wall-clock time is used).
fn cpu_time() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<u64>().ok()? as f64 / 1e9)
}

/// The best time of `runs` runs of `f`, in seconds (on-CPU time where available).
fn best<T>(runs: u32, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu_time());
            black_box(f());
            match (c, cpu_time()) {
                (Some(a), Some(b)) => b - a,
                _ => t.elapsed().as_secs_f64(),
            }
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let runs = 5;
    let data = gen::trail(Format::Array, n, 42, 30);
    let mib = data.len() as f64 / (1 << 20) as f64;
    let mut objs: Vec<(usize, usize)> = Vec::new();
    let split = best(runs, || {
        objs.clear();
        let mut sp = Splitter::boundaries_only();
        for c in data.chunks(4 << 20) {
            sp.feed(c, &mut |p| {
                if let Piece::Object { bytes, offset, .. } = p {
                    objs.push((offset as usize, bytes.len()));
                }
            });
        }
        objs.len()
    });
    let event = |&(o, l): &(usize, usize)| &data[o..o + l];
    let serde = best(runs, || objs.iter().filter(|o| parse_event(event(o)).is_ok()).count());
    let fast = best(runs, || objs.iter().filter(|o| parse_event_fast(event(o)).is_ok()).count());
    let split_parse = best(runs, || {
        let mut sp = Splitter::boundaries_only();
        let mut n = 0;
        for c in data.chunks(4 << 20) {
            sp.feed(c, &mut |p| {
                if let Piece::Object { bytes, .. } = p {
                    n += usize::from(parse_event_fast(bytes).is_ok());
                }
            });
        }
        n
    });
    let one_pass = best(runs, || one_pass_array(&data));
    let parse_add = best(runs, || {
        let mut s = Store::new();
        for o in &objs {
            let p = parse_event_fast(event(o)).unwrap();
            s.add(&p, SourceRef { file: 0, offset: o.0 as u64, len: o.1 as u32, wrapping: p.wrapping });
        }
        s
    });
    let mut s = Store::new();
    for o in &objs {
        let p = parse_event_fast(event(o)).unwrap();
        s.add(&p, SourceRef { file: 0, offset: o.0 as u64, len: o.1 as u32, wrapping: p.wrapping });
    }
    let fin = best(1, || s.finalize());
    let add = (parse_add - fast).max(0.0);
    let total = split + fast + add + fin;
    let rate = |secs: f64| format!("{:.0} MiB/s, {:.2} M events/s", mib / secs, n as f64 / secs / 1e6);
    let clock = if cpu_time().is_some() { "on-CPU time" } else { "wall-clock time" };
    println!("{n} events, {mib:.0} MiB ({:.0} B/event), best of {runs}, {clock}:", data.len() as f64 / n as f64);
    println!("  parse_event       {serde:.3}s  {}", rate(serde));
    println!("  parse_event_fast  {fast:.3}s  {}  ({:.2}x)", rate(fast), serde / fast);
    println!("  split + fast      {split_parse:.3}s  {}", rate(split_parse));
    println!("  one pass (proto)  {one_pass:.3}s  {}  ({:.2}x)", rate(one_pass), split_parse / one_pass);
    println!("whole load with the fast parser: {total:.3}s");
    for (name, secs) in [("split", split), ("parse (fast)", fast), ("Store::add", add), ("finalize", fin)] {
        println!("  {name:<13} {secs:.3}s  {:>4.1}%  {}", 100.0 * secs / total, rate(secs));
    }
}

/// The one-pass prototype on an array trail: the parser finds each object's end itself, so the
/// bytes are read once (UTF-8 checked per 4 MiB, as a loader would per chunk; no object crosses a
/// chunk here, which a real loader would hand to the splitter).
fn one_pass_array(data: &[u8]) -> usize {
    let text = std::str::from_utf8(data).ok();
    let mut i = data.iter().position(|&c| c == b'[').unwrap() + 1;
    let mut n = 0;
    while let Some(&c) = data.get(i) {
        match c {
            b'{' => {
                let (parsed, end, _) = parse_event_at(data, text, i).unwrap();
                n += usize::from(parsed.is_ok());
                i = end;
            }
            b']' => break,
            _ => i += 1,
        }
    }
    n
}
