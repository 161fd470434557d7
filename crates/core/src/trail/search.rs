//! Free-text search: which events have a value containing a text, case-insensitively. Values
//! that repeat (the fields, `eventSource`, `principalId`, error messages) are searched once per
//! distinct value through their dictionaries; event ids where they are kept; only the rest is
//! scanned as text. A longer text that extends the previous one (typing on) is searched only in
//! the previous hits.

use super::store::{with_ids, Dict, Store, FIELDS};
use memchr::memmem;
use std::cell::RefCell;

/// The last search: refined when the next text contains it.
#[derive(Debug, Default)]
pub struct SearchCache {
    needle: String,
    rows: usize,
    hits: Vec<bool>,
}

/// Below this share of candidates, checking them one by one beats scanning everything.
const REFINE_BELOW: usize = 4;

/// Per distinct value of a dictionary: does it contain the needle?
fn dict_matches(d: &Dict, needle: &str) -> Option<Vec<bool>> {
    let set: Vec<bool> = (0..d.len() as u32).map(|id| id != 0 && d.lower(id).contains(needle)).collect();
    set.iter().any(|&b| b).then_some(set)
}

/// Every start of `needle` (lowercase) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8], mut found: impl FnMut(usize)) {
    let Some(&first) = needle.first() else { return };
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        let next = if lo == up { memchr::memchr(lo, &hay[at..]) } else { memchr::memchr2(lo, up, &hay[at..]) };
        let Some(k) = next else { return };
        let pos = at + k;
        if hay.get(pos..pos + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            found(pos);
        }
        at = pos + 1;
    }
}

/// Rows whose span (ends are cumulative) contains a match starting at each of `positions`
/// (ascending) that ends inside the same row.
fn rows_of(positions: impl Iterator<Item = usize>, ends: &[u32], len: usize, hit: &mut [bool]) {
    let mut row = 0;
    for pos in positions {
        while row < hit.len() && (ends[row] as usize) <= pos {
            row += 1;
        }
        if row < hit.len() && pos + len <= ends[row] as usize {
            hit[row] = true;
        }
    }
}

/// The search's compiled form: what matches in each dictionary.
struct Needle<'s> {
    text: &'s str,
    fields: Vec<Option<Vec<bool>>>,
    hidden: Vec<Option<Vec<bool>>>,
    messages: Option<Vec<bool>>,
}

impl Store {
    fn compile<'s>(&self, needle: &'s str) -> Needle<'s> {
        Needle {
            text: needle,
            fields: FIELDS.iter().map(|&f| dict_matches(self.dict(f), needle)).collect(),
            hidden: self.hidden().iter().map(|(d, _)| dict_matches(d, needle)).collect(),
            messages: dict_matches(self.error_messages(), needle),
        }
    }

    /// Whether row `r` matches (for checking a few candidates).
    fn row_matches(&self, n: &Needle<'_>, finder: &memmem::Finder<'_>, r: usize) -> bool {
        FIELDS.iter().zip(&n.fields).any(|(&f, set)| set.as_ref().is_some_and(|s| s[self.col(f).get(r) as usize]))
            || self
                .hidden()
                .iter()
                .zip(&n.hidden)
                .any(|((_, col), set)| set.as_ref().is_some_and(|s| s[col[r] as usize]))
            || n.messages.as_ref().is_some_and(|s| s[self.error_message_id(r) as usize])
            || {
                let mut found = false;
                find_ascii_ci(self.event_id(r).as_bytes(), n.text.as_bytes(), |_| found = true);
                found
            }
            || finder.find(self.text_of(r)).is_some()
    }

    /// For each of the first `rows` rows: does any value contain `needle` (lowercase, non-empty)?
    pub fn search(&self, needle: &str, rows: usize, cache: &RefCell<SearchCache>) -> Vec<bool> {
        let n = self.compile(needle);
        let finder = memmem::Finder::new(needle.as_bytes());
        let refine = {
            let c = cache.borrow();
            let candidates = if c.rows == rows && !c.needle.is_empty() && needle.contains(&c.needle) {
                c.hits.iter().filter(|&&h| h).count()
            } else {
                usize::MAX
            };
            candidates.saturating_mul(REFINE_BELOW) < rows
        };
        let hit = if refine {
            let c = cache.borrow();
            let mut hit = vec![false; rows];
            for (r, _) in c.hits.iter().enumerate().filter(|(_, &h)| h) {
                hit[r] = self.row_matches(&n, &finder, r);
            }
            hit
        } else {
            self.scan_all(&n, &finder, rows)
        };
        *cache.borrow_mut() = SearchCache { needle: needle.to_string(), rows, hits: hit.clone() };
        hit
    }

    /// Column by column (cheap: ids into small dictionaries), then the ids and the text only of
    /// the rows not yet found: typing "a" finds nearly every row through eventSource, and the
    /// slower scans then look at only the few left.
    fn scan_all(&self, n: &Needle<'_>, finder: &memmem::Finder<'_>, rows: usize) -> Vec<bool> {
        let mut hit = vec![false; rows];
        let mut left = rows;
        for (&f, set) in FIELDS.iter().zip(&n.fields) {
            let Some(set) = set else { continue };
            if left == 0 {
                return hit;
            }
            with_ids!(self.col(f), col => {
                for (h, &id) in hit.iter_mut().zip(&col[..rows]) {
                    *h |= set[id as usize];
                }
            });
            left = hit.iter().filter(|&&h| !h).count();
        }
        for ((_, col), set) in self.hidden().iter().zip(&n.hidden) {
            let Some(set) = set else { continue };
            if left == 0 {
                return hit;
            }
            for (h, &id) in hit.iter_mut().zip(&col[..rows]) {
                *h |= set[id as usize];
            }
            left = hit.iter().filter(|&&h| !h).count();
        }
        if let Some(set) = &n.messages {
            for (r, h) in hit.iter_mut().enumerate() {
                *h |= set[self.error_message_id(r) as usize];
            }
            left = hit.iter().filter(|&&h| !h).count();
        }
        if left == 0 {
            return hit;
        }
        let needle = n.text.as_bytes();
        if left.saturating_mul(REFINE_BELOW) < rows {
            // Few rows left: look at each one's id and text.
            for (r, h) in hit.iter_mut().enumerate() {
                if !*h {
                    let mut found = false;
                    find_ascii_ci(self.event_id(r).as_bytes(), needle, |_| found = true);
                    *h = found || finder.find(self.text_of(r)).is_some();
                }
            }
            return hit;
        }
        let (ids, id_ends) = self.id_parts();
        let mut positions = Vec::new();
        find_ascii_ci(&ids[..id_ends[rows - 1] as usize], needle, |p| positions.push(p));
        rows_of(positions.into_iter(), id_ends, needle.len(), &mut hit);
        let (text, text_ends) = self.text_parts();
        rows_of(finder.find_iter(&text[..text_ends[rows - 1] as usize]), text_ends, needle.len(), &mut hit);
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_insensitive_find_stays_inside_one_id() {
        let mut at = Vec::new();
        find_ascii_ci(b"abcDEFabc", b"def", |p| at.push(p));
        assert_eq!(at, [3]);
        // "cD" spans two ids "abc" | "DEF": found as bytes, but not inside one row.
        let mut hit = vec![false; 3];
        let mut pos = Vec::new();
        find_ascii_ci(b"abcDEFabc", b"cd", |p| pos.push(p));
        rows_of(pos.into_iter(), &[3, 6, 9], 2, &mut hit);
        assert_eq!(hit, [false, false, false]);
        let mut none = Vec::new();
        find_ascii_ci(b"", b"a", |p| none.push(p));
        find_ascii_ci(b"a", b"", |p| none.push(p));
        assert!(none.is_empty());
    }
}
