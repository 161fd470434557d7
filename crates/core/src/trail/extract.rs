//! Re-reading one event's bytes from its file: a byte range of the (decompressed) stream. For
//! gzip files inflating resumes from the nearest checkpoint before the range.

use super::gzip::{Checkpoint, Gunzip, GzError};

/// Collects decompressed bytes `[start, end)` from compressed input fed from `input_pos()` on.
pub struct RangeExtractor {
    gz: Gunzip,
    out_pos: u64,
    start: u64,
    end: u64,
    input_pos: u64,
    out: Vec<u8>,
}

impl RangeExtractor {
    /// Extract `[start, end)` of a gzip stream, using the best checkpoint.
    pub fn new(checkpoints: &[Checkpoint], start: u64, end: u64) -> Self {
        let cp = checkpoints.iter().rev().find(|c| c.out_pos <= start);
        let (gz, out_pos, input_pos) = match cp {
            Some(cp) => (Gunzip::resume(cp), cp.out_pos, cp.in_pos),
            None => (Gunzip::new(0), 0, 0),
        };
        RangeExtractor { gz, out_pos, start, end, input_pos, out: Vec::with_capacity((end - start) as usize) }
    }

    /// The compressed offset to read from next.
    pub fn input_pos(&self) -> u64 {
        self.input_pos
    }

    /// Feed the next compressed bytes (from `input_pos()`); true once the range is complete.
    pub fn feed(&mut self, compressed: &[u8]) -> Result<bool, GzError> {
        self.input_pos += compressed.len() as u64;
        let (start, end) = (self.start, self.end);
        let (out_pos, out) = (&mut self.out_pos, &mut self.out);
        let result = self.gz.feed(compressed, &mut |b| {
            let (a, z) = (*out_pos, *out_pos + b.len() as u64);
            if z > start && a < end {
                let from = start.saturating_sub(a) as usize;
                let to = (end.min(z) - a) as usize;
                out.extend_from_slice(&b[from..to]);
            }
            *out_pos = z;
        });
        if self.out.len() as u64 >= self.end - self.start {
            return Ok(true);
        }
        result.map(|_| false)
    }

    /// The bytes collected.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::gen;

    #[test]
    fn extracts_any_range_with_and_without_checkpoints() {
        let text = gen::trail(gen::Format::Ndjson, 30_000, 4, 1);
        let gz = gen::gzip(&text);
        let mut g = Gunzip::new(1 << 20);
        g.feed(&gz, &mut |_| {}).unwrap();
        let cps = g.take_checkpoints();
        assert!(cps.len() > 5);
        for (a, b) in [
            (0u64, 100u64),
            (5_000_000, 5_000_900),
            (text.len() as u64 - 50, text.len() as u64),
            (1_048_570, 1_048_600),
        ] {
            for use_cps in [true, false] {
                let mut x = RangeExtractor::new(if use_cps { &cps } else { &[] }, a, b);
                let mut done = false;
                while !done {
                    let p = x.input_pos() as usize;
                    done = x.feed(&gz[p..(p + 65_536).min(gz.len())]).unwrap();
                }
                assert_eq!(x.into_bytes(), &text[a as usize..b as usize], "{a}..{b} checkpoints {use_cps}");
            }
        }
    }
}

/// Picks byte ranges (sorted by start, non-overlapping) out of a stream fed in chunks, for
/// exporting many events from one file in a single pass.
pub struct SpanCollector {
    spans: Vec<(u64, u64)>,
    next: usize,
    pos: u64,
    partial: Vec<u8>,
}

impl SpanCollector {
    /// Collect `spans` (start, len), which must be sorted by start.
    pub fn new(spans: Vec<(u64, u64)>) -> Self {
        SpanCollector { spans, next: 0, pos: 0, partial: Vec::new() }
    }

    /// Whether every span has been emitted.
    pub fn done(&self) -> bool {
        self.next >= self.spans.len()
    }

    /// Feed the next bytes of the stream; each completed span goes to `emit` with its index.
    pub fn feed(&mut self, chunk: &[u8], emit: &mut dyn FnMut(usize, &[u8])) {
        let (a, z) = (self.pos, self.pos + chunk.len() as u64);
        while self.next < self.spans.len() {
            let (start, len) = self.spans[self.next];
            let end = start + len;
            if start >= z {
                break;
            }
            let from = start.max(a) - a;
            let to = end.min(z) - a;
            if end <= z {
                if self.partial.is_empty() {
                    emit(self.next, &chunk[from as usize..to as usize]);
                } else {
                    self.partial.extend_from_slice(&chunk[from as usize..to as usize]);
                    let whole = std::mem::take(&mut self.partial);
                    emit(self.next, &whole);
                }
                self.next += 1;
            } else {
                self.partial.extend_from_slice(&chunk[from as usize..]);
                break;
            }
        }
        self.pos = z;
    }
}

#[cfg(test)]
mod span_tests {
    use super::SpanCollector;

    #[test]
    fn spans_across_chunks() {
        let data: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        let spans = vec![(0, 10), (100, 5000), (5100, 1), (9990, 10)];
        for chunk in [1, 7, 333, 10_000] {
            let mut c = SpanCollector::new(spans.clone());
            let mut got = Vec::new();
            for part in data.chunks(chunk) {
                c.feed(part, &mut |i, b| got.push((i, b.to_vec())));
            }
            assert!(c.done());
            assert_eq!(got.len(), 4);
            for (i, bytes) in got {
                let (s, l) = spans[i];
                assert_eq!(bytes, &data[s as usize..(s + l) as usize], "chunk {chunk} span {i}");
            }
        }
    }
}
