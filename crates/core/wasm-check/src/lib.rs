//! The event parsers as the worker runs them: compiled to wasm32 with simd128 and opt-level 3,
//! loaded by node (V8, as in Chrome), with no bindings. `verify` runs the differential check of
//! `parse_event_fast` against `parse_event` there (the wasm build has its own SIMD string search,
//! which native tests do not reach); `init`/`run` time each loading phase.
//!
//! ```sh
//! cd crates/core/wasm-check
//! RUSTFLAGS="-C target-feature=+simd128" cargo build --release --target wasm32-unknown-unknown
//! node verify.mjs target/wasm32-unknown-unknown/release/console_core_wasm_check.wasm
//! node run.mjs target/wasm32-unknown-unknown/release/console_core_wasm_check.wasm 100000
//! ```

use console_core::trail::gen::{self, Format};
use console_core::trail::load::load_bytes;
use console_core::trail::parse::parse_event;
use console_core::trail::scan::{parse_event_at, parse_event_fast};
use console_core::trail::split::{Piece, Splitter};
use console_core::trail::store::{SourceRef, Store};
use std::cell::RefCell;

thread_local! {
    static DATA: RefCell<(Vec<u8>, Vec<(usize, usize)>)> = RefCell::new((Vec::new(), Vec::new()));
}

/// Generate an `n`-event array trail to time; its size in bytes.
#[no_mangle]
pub extern "C" fn init(n: u32) -> u32 {
    DATA.with(|d| {
        let mut d = d.borrow_mut();
        d.0 = gen::trail(Format::Array, n as u64, 42, 30);
        d.0.len() as u32
    })
}

/// One phase over the generated trail: 0 split (keeps the objects' places), 1 `parse_event`,
/// 2 `parse_event_fast`, 3 `parse_event_fast` and `Store::add`, 4 the one-pass prototype (split
/// and parse at once, `parse_event_at`), 5 the whole load as the worker runs it (`load_bytes`).
/// The events handled.
#[no_mangle]
pub extern "C" fn run(kind: u32) -> u32 {
    DATA.with(|d| {
        let mut d = d.borrow_mut();
        let (data, objs) = &mut *d;
        match kind {
            0 => {
                objs.clear();
                let mut sp = Splitter::boundaries_only();
                for c in data.chunks(4 << 20) {
                    sp.feed(c, &mut |p| {
                        if let Piece::Object { bytes, offset, .. } = p {
                            objs.push((offset as usize, bytes.len()));
                        }
                    });
                }
                objs.len() as u32
            }
            1 => objs.iter().filter(|&&(o, l)| parse_event(&data[o..o + l]).is_ok()).count() as u32,
            2 => objs.iter().filter(|&&(o, l)| parse_event_fast(&data[o..o + l]).is_ok()).count() as u32,
            4 => one_pass_array(data),
            5 => {
                // As the worker loads a file, in 4 MiB pieces, into a store with room reserved
                // (the worker reserves it once the first piece tells the events' size).
                let mut s = Store::new();
                s.reserve(objs.len(), data.len() / 8);
                load_bytes(&mut s, 0, "bench", data, 4 << 20).events as u32
            }
            _ => {
                let mut s = Store::new();
                for &(o, l) in objs.iter() {
                    let p = parse_event_fast(&data[o..o + l]).unwrap();
                    s.add(&p, SourceRef { file: 0, offset: o as u64, len: l as u32, wrapping: p.wrapping });
                }
                s.len() as u32
            }
        }
    })
}

/// The one-pass prototype on the array trail: the parser finds each object's end, UTF-8 checked
/// per 4 MiB chunk as a loader would.
fn one_pass_array(data: &[u8]) -> u32 {
    let mut n = 0;
    let mut base = 0;
    let mut i = data.iter().position(|&c| c == b'[').map_or(data.len(), |p| p + 1);
    while base < data.len() {
        let end = (base + (4 << 20)).min(data.len());
        let chunk = &data[base..end];
        let text = std::str::from_utf8(chunk).ok();
        while i < end {
            match data[i] {
                b'{' => match parse_event_at(chunk, text, i - base) {
                    Ok((parsed, e, _)) => {
                        n += u32::from(parsed.is_ok());
                        i = base + e;
                    }
                    // Cut off by the chunk's end: the real loader hands it to the splitter.
                    Err(_) => break,
                },
                b']' => return n,
                _ => i += 1,
            }
        }
        if i < end {
            // The object cut off by the chunk's end, from the whole buffer (where a loader would
            // carry it over to the next chunk, as the splitter does).
            if let Ok((parsed, e, _)) = parse_event_at(data, None, i) {
                n += u32::from(parsed.is_ok());
                i = e;
            }
        }
        base = end;
    }
    n
}

/// The differential check inside wasm: every byte value at every offset of a string (the SIMD
/// search), and generated events of three formats with a byte replaced anywhere. How many differ.
#[no_mangle]
pub extern "C" fn verify() -> u32 {
    use console_core::trail::scan::differential;
    let mut fails = 0;
    let mut check = |b: &[u8]| {
        if differential(b).is_err() {
            fails += 1;
        }
    };
    // Every byte value at every offset of a string value, with various fillers and lengths.
    for fill in [b'a', b' ', 0x21, 0x23, 0x5b, 0x7f, 0x80, 0xff] {
        for len in 0..40usize {
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut v = vec![fill; len];
                    v[at] = c;
                    let e = [br#"{"eventTime":"2024-01-01T00:00:00Z","eventId":""#.as_slice(), &v, b"\",\"x\":\"y\"}"]
                        .concat();
                    check(&e);
                }
            }
        }
    }
    for format in [Format::Array, Format::SlsLines, Format::CloudTrail] {
        let data = gen::trail(format, 30, 7, 1);
        let mut evs = Vec::new();
        Splitter::boundaries_only().feed(&data, &mut |p| {
            if let Piece::Object { bytes, .. } = p {
                evs.push(bytes.to_vec());
            }
        });
        for e in &evs {
            check(e);
            for i in 0..e.len() {
                for b in [b'"', b'\\', 0x00, 0x1f, b'{', 0xff] {
                    let mut m = e.clone();
                    m[i] = b;
                    check(&m);
                }
            }
        }
    }
    fails
}
