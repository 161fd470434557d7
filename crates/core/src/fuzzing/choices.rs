//! Fuzz bytes read as a stream of choices: which operation, which field, which odd value. Every
//! read succeeds: past the end the stream answers zeros, so any input decodes to some case and a
//! short input to a simple one (which is what libFuzzer's minimizer wants).

use crate::time::UtcDateTime;
use crate::trail::gen::START_MS;
use crate::trail::query::TIME_LIMIT_MS;

/// Choices decoded from fuzz bytes.
pub struct Choices<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Choices<'a> {
    /// Choices over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Choices { data, pos: 0 }
    }

    /// Whether every byte has been used.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// The next byte (0 past the end).
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos = self.pos.saturating_add(1);
        b
    }

    /// A number below `n` (0 when `n` is 0 or 1): one byte for small ranges, more for large.
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let raw = if n <= 256 {
            self.byte() as u64
        } else if n <= 65_536 {
            u16::from_le_bytes([self.byte(), self.byte()]) as u64
        } else {
            self.u64()
        };
        (raw % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1))
    }

    /// A coin flip.
    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// True about `percent` times in a hundred (never past the end of the input).
    pub fn chance(&mut self, percent: u8) -> bool {
        // An input that ran out answers "no", so it ends simply.
        let real = !self.is_empty();
        let b = self.byte();
        real && (b as u32 * 100) < percent as u32 * 256
    }

    /// One of `xs` (the first past the end).
    pub fn pick<'x, T>(&mut self, xs: &'x [T]) -> &'x T {
        &xs[self.below(xs.len())]
    }

    /// Eight bytes, little-endian.
    pub fn u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        for x in &mut b {
            *x = self.byte();
        }
        u64::from_le_bytes(b)
    }

    /// Up to `max` raw bytes.
    pub fn bytes(&mut self, max: usize) -> &'a [u8] {
        let n = self.below(max.saturating_add(1));
        let start = self.pos.min(self.data.len());
        let end = start.saturating_add(n).min(self.data.len());
        self.pos = start + n;
        &self.data[start..end]
    }

    /// Up to `max` bytes as text (invalid UTF-8 becomes U+FFFD).
    pub fn text(&mut self, max: usize) -> String {
        String::from_utf8_lossy(self.bytes(max)).into_owned()
    }

    /// What is left, taken whole.
    pub fn rest(&mut self) -> &'a [u8] {
        let start = self.pos.min(self.data.len());
        self.pos = self.data.len();
        &self.data[start..]
    }

    /// A length for a read or a chunk: mostly small, sometimes one byte, sometimes large.
    pub fn size(&mut self, large: usize) -> usize {
        match self.byte() % 4 {
            0 => 1,
            1 => self.range(1, 64),
            2 => self.range(1, 4096),
            _ => self.range(1, large.max(1)),
        }
    }

    /// An i64 that is often at an edge: the limits, one off them, the query clamp, zero, or a
    /// time near the generated trail.
    pub fn edgy_i64(&mut self) -> i64 {
        match self.byte() % 12 {
            0 => i64::MIN,
            1 => i64::MAX,
            2 => i64::MIN + 1,
            3 => i64::MAX - 1,
            4 => 0,
            5 => -1,
            6 => TIME_LIMIT_MS,
            7 => -TIME_LIMIT_MS,
            8 => TIME_LIMIT_MS + 1,
            9 | 10 => START_MS + self.below(40 * 86_400_000) as i64 - 86_400_000,
            _ => self.u64() as i64,
        }
    }

    /// Text that tends to break parsers: non-ASCII, controls, quotes, escapes, formula starts,
    /// percent signs, long runs, mixed with raw bytes.
    pub fn odd_text(&mut self, max: usize) -> String {
        const PARTS: &[&str] = &[
            "",
            "中文",
            "é",
            "\u{200B}",
            "\u{FFFD}",
            "🦀",
            "\0",
            "\r\n",
            "\n",
            "\t",
            "\\",
            "\"",
            "'",
            "%",
            "%zz",
            "%E4%B8",
            "%00",
            "=",
            "+",
            "-",
            "@",
            ";",
            ",",
            "&",
            "<",
            ">",
            "&amp;",
            "]]>",
            "{",
            "}",
            "[",
            "]",
            " ",
            "\u{7f}",
            "\u{1}",
            "null",
            "true",
            "0",
            "-0",
            "1e999",
            "\u{FEFF}",
            "x;=1+1",
            "\u{0301}",
            "\u{10FFFF}",
        ];
        let mut out = String::new();
        for _ in 0..self.below(5) {
            match self.byte() % 4 {
                0 => out.push_str(&self.text(16)),
                1 => {
                    let p = *self.pick(PARTS);
                    let n = if self.chance(10) { self.range(1, max.max(1)) } else { 1 };
                    for _ in 0..n.min(max.saturating_sub(out.len()) / p.len().max(1) + 1) {
                        out.push_str(p);
                    }
                }
                _ => out.push_str(self.pick::<&str>(PARTS)),
            }
        }
        if out.len() > max {
            let mut end = max;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
        }
        out
    }

    /// An event time as text: a real instant in one of the written forms, then bent: odd zone
    /// suffixes (non-ASCII too), fractions, out-of-range fields, separators, huge years.
    pub fn odd_time(&mut self) -> String {
        let ms = match self.byte() % 3 {
            0 => self.edgy_i64(),
            _ => START_MS + self.below(30 * 86_400_000) as i64,
        };
        let t = UtcDateTime::from_unix_millis(ms);
        let mut s = match self.byte() % 3 {
            0 => t.iso8601_extended(),
            1 => t.iso8601_millis(),
            _ => t.iso8601_basic(),
        };
        const ZONES: &[&str] = &[
            "Z",
            "z",
            "+08:00",
            "-08:00",
            "+00:00",
            "+99:00",
            "+23:59",
            "-24:00",
            "+中文:0",
            "+0中:00",
            "é",
            "+08:0é",
            "+08:00中",
            " UTC",
            "+0800",
            "+08",
            "Z ",
            "",
            "ZZ",
            "+08:00Z",
            "\u{FF0B}08:00",
            "+٠٨:٠٠",
        ];
        match self.byte() % 8 {
            0 => {
                // Replace the zone suffix.
                if s.ends_with('Z') {
                    s.pop();
                }
                s.push_str(self.pick::<&str>(ZONES));
            }
            1 => {
                // Replace or add a fraction.
                if s.ends_with('Z') {
                    s.pop();
                }
                if let Some(dot) = s.find('.') {
                    s.truncate(dot);
                }
                let frac = *self.pick(&[".", ".5", ".123456789", ".中", ".-1", ".9999999999999999999999", ". 5"]);
                s.push_str(frac);
                s.push_str(self.pick::<&str>(ZONES));
            }
            2 => {
                // Overwrite a field with something out of range.
                let field = *self.pick(&["99999", "0000", "-001", "13", "00", "32", "24", "60", "61", "9", "+1", "٣"]);
                let at = self.below(s.len());
                if s.is_char_boundary(at) {
                    let end = (at + field.len()).min(s.len());
                    if s.is_char_boundary(end) {
                        s.replace_range(at..end, field);
                    }
                }
            }
            3 => {
                let sep = *self.pick(&["t", " ", "_", "T ", ""]);
                if let Some(p) = s.find('T') {
                    s.replace_range(p..p + 1, sep);
                }
            }
            4 => {
                // Cut anywhere (a byte offset: the result may end mid-character, lossily).
                let at = self.below(s.len() + 1);
                s = String::from_utf8_lossy(&s.as_bytes()[..at]).into_owned();
            }
            5 => s = format!("{}{s}{}", self.pick(&["", " ", "\t", "\u{FEFF}"]), self.pick(&["", " ", "\n"])),
            6 => s = self.odd_text(40),
            _ => {}
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_end_is_zeros_and_ranges_hold() {
        let mut c = Choices::new(&[7, 255]);
        assert_eq!(c.byte(), 7);
        assert_eq!(c.below(10), 5);
        assert_eq!(c.byte(), 0);
        assert!(c.is_empty());
        assert!(!c.chance(100));
        assert_eq!(c.bytes(10), b"");
        for _ in 0..100 {
            assert!((3..=9).contains(&c.range(3, 9)));
        }
        let mut c = Choices::new(&[3, 1, 2, 3, 4]);
        assert_eq!(c.bytes(10), &[1, 2, 3]);
        assert_eq!(c.rest(), &[4]);
    }
}
