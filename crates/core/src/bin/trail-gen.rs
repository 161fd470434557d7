//! `trail-gen --events N [--format array|ndjson|lookup|sls|cloudtrail|single] [--seed S]
//! [--days D] [--gzip] --out FILE`: write a synthetic ActionTrail trail.

use console_core::trail::gen::{self, Format};
use std::io::{BufWriter, Write};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut n, mut format, mut seed, mut days, mut gzip, mut out) = (1000u64, Format::Array, 1u64, 7u64, false, None);
    let usage = || -> ! {
        eprintln!("usage: trail-gen --events N [--format array|ndjson|lookup|sls|cloudtrail|single] [--seed S] [--days D] [--gzip] --out FILE");
        std::process::exit(2)
    };
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--events" => n = val().parse().unwrap_or_else(|_| usage()),
            "--format" => format = Format::parse(&val()).unwrap_or_else(|| usage()),
            "--seed" => seed = val().parse().unwrap_or_else(|_| usage()),
            "--days" => days = val().parse().unwrap_or_else(|_| usage()),
            "--gzip" => gzip = true,
            "--out" => out = Some(val()),
            _ => usage(),
        }
    }
    let Some(out) = out else { usage() };
    let file = std::fs::File::create(&out).unwrap_or_else(|e| {
        eprintln!("trail-gen: cannot create {out}: {e}");
        std::process::exit(1)
    });
    let result = if gzip {
        let mut w = flate2::write::GzEncoder::new(BufWriter::new(file), flate2::Compression::fast());
        gen::write_trail(&mut w, format, n, seed, days).and_then(|_| w.finish().map(|_| ()))
    } else {
        let mut w = BufWriter::new(file);
        gen::write_trail(&mut w, format, n, seed, days).and_then(|_| w.flush())
    };
    if let Err(e) = result {
        eprintln!("trail-gen: writing {out}: {e}");
        std::process::exit(1)
    }
}
