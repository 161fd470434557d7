//! Cold data, measured: from a listing (keys, sizes, storage classes) and the last access times of
//! a sample of its objects (`GetObjectMeta`'s `x-oss-last-access-time`), how many objects and
//! bytes were last read how long ago, and what a last-access-time rule at N days would move.
//!
//! The sample is stratified by size (strata of equal bytes, so the few large objects that hold
//! most bytes are read rather than left to chance); totals are the stratified estimator's, with
//! its 95% margin. When every listed object is read, the figures are exact and the margin is 0.

/// One listed object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub key: String,
    pub size: u64,
    /// `StorageClass` as listed (`Standard`, `IA`, …).
    pub class: String,
}

/// Strata the sample is drawn from.
pub const STRATA: usize = 10;

/// Which listed objects to read, by stratum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// Each stratum's members and the ones chosen to be read (indices into the listing).
    pub strata: Vec<(Vec<usize>, Vec<usize>)>,
}

impl Sample {
    /// Every chosen index, taking the strata in turn (a scan cancelled part way has read some
    /// of every stratum, the large objects' included).
    pub fn chosen(&self) -> Vec<usize> {
        let longest = self.strata.iter().map(|(_, s)| s.len()).max().unwrap_or(0);
        (0..longest).flat_map(|k| self.strata.iter().filter_map(move |(_, s)| s.get(k).copied())).collect()
    }

    /// Whether every listed object is chosen.
    pub fn is_everything(&self) -> bool {
        self.strata.iter().all(|(m, s)| m.len() == s.len())
    }
}

/// A small deterministic generator (the same listing and seed choose the same objects).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Choose at most `max` objects: all of them when there are no more, else stratified by size
/// (strata of about equal bytes; each stratum's share of the sample in proportion to its bytes,
/// at least two where it has two).
pub fn sample(listed: &[Listed], max: usize, seed: u64) -> Sample {
    let mut order: Vec<usize> = (0..listed.len()).collect();
    order.sort_by_key(|&i| (listed[i].size, i));
    if listed.len() <= max {
        return Sample { strata: vec![(order.clone(), order)] };
    }
    let total: u128 = listed.iter().map(|o| o.size as u128).sum::<u128>().max(1);
    let max = max.max(1);
    // Cut the size order into strata of about equal bytes (and never an empty one).
    let mut strata: Vec<Vec<usize>> = vec![Vec::new()];
    let mut acc: u128 = 0;
    for &i in &order {
        let boundary = total * strata.len() as u128 / STRATA as u128;
        if acc >= boundary && !strata.last().is_some_and(Vec::is_empty) && strata.len() < STRATA {
            strata.push(Vec::new());
        }
        if let Some(s) = strata.last_mut() {
            s.push(i);
        }
        acc += listed[i].size as u128;
    }
    let bytes: Vec<u128> = strata.iter().map(|s| s.iter().map(|&i| listed[i].size as u128).sum()).collect();
    let mut alloc: Vec<usize> =
        strata.iter().zip(&bytes).map(|(s, &b)| ((max as u128 * b / total) as usize).max(2).min(s.len())).collect();
    // Trim or fill to `max`, largest strata first.
    // Below two a stratum, then to nothing, only when `max` is that small.
    for floor in [2, 1, 0] {
        while alloc.iter().sum::<usize>() > max {
            let Some(k) = (0..alloc.len()).filter(|&k| alloc[k] > floor).max_by_key(|&k| alloc[k]) else { break };
            alloc[k] -= 1;
        }
    }
    while alloc.iter().sum::<usize>() < max {
        let Some(k) =
            (0..alloc.len()).filter(|&k| alloc[k] < strata[k].len()).max_by_key(|&k| strata[k].len() - alloc[k])
        else {
            break;
        };
        alloc[k] += 1;
    }
    let mut rng = Rng(seed | 1);
    let strata = strata
        .into_iter()
        .zip(alloc)
        .map(|(members, n)| {
            // A partial Fisher-Yates shuffle: the first n of a shuffled copy.
            let mut pool = members.clone();
            for k in 0..n {
                let j = k + rng.below(pool.len() - k);
                pool.swap(k, j);
            }
            pool.truncate(n);
            pool.sort_unstable();
            (members, pool)
        })
        .collect();
    Sample { strata }
}

/// Last-access ages shown, in days: 0–7, 8–30, 31–90, 91–180, over 180, and none.
pub const AGES: [(u32, Option<u32>); 5] = [(0, Some(7)), (8, Some(30)), (31, Some(90)), (91, Some(180)), (181, None)];

/// An estimate and its 95% margin (0 when exact).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub margin: f64,
}

/// Objects and bytes in one age band (or without an access time).
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// `None`: no access time (tracking was off, or the object predates it).
    pub age: Option<(u32, Option<u32>)>,
    pub objects: Figure,
    pub bytes: Figure,
}

/// What the sample says.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub listed: usize,
    pub listed_bytes: u64,
    pub read: usize,
    /// Every listed object was read.
    pub exact: bool,
    pub bands: Vec<Band>,
    /// Objects and bytes per storage class (from the listing: exact).
    pub classes: Vec<(String, u64, u64)>,
    /// Standard objects and bytes not read for at least `days` days (objects under 64 KB only
    /// when the rule moves small files too).
    pub cold_objects: Figure,
    pub cold_bytes: Figure,
    pub standard_bytes: u64,
    /// Strata with objects of which none was read (a cancelled or failing scan): the figures
    /// leave them out, so they are lower bounds, not estimates.
    pub unread_strata: usize,
}

/// Objects under this size stay where they are unless the rule says `AllowSmallFile`.
pub const SMALL_FILE: u64 = 64 * 1024;

const DAY_MS: i64 = 86_400_000;

/// The estimate from what was read: `read[i]` is `Some(last access)` for each listed object read
/// (`Some(None)`: it has no access time), `None` for the others (not chosen, failed, or the scan
/// was cancelled: the strata's read objects stand for them).
pub fn estimate(
    listed: &[Listed],
    sample: &Sample,
    read: &[Option<Option<i64>>],
    now_ms: i64,
    days: u32,
    allow_small_file: bool,
) -> Estimate {
    let age_days = |t: i64| ((now_ms - t).max(0) / DAY_MS) as u32;
    let band_of = |o: Option<i64>| -> usize {
        match o {
            None => AGES.len(),
            Some(t) => {
                let d = age_days(t);
                AGES.iter().position(|(lo, hi)| d >= *lo && hi.is_none_or(|h| d <= h)).unwrap_or(AGES.len() - 1)
            }
        }
    };
    // Per band: (objects, bytes) accumulators of the estimator, then cold.
    let n_bands = AGES.len() + 1;
    let mut totals = vec![(Acc::default(), Acc::default()); n_bands];
    let mut cold = (Acc::default(), Acc::default());
    let mut n_read = 0;
    let mut unread_strata = 0;
    for (members, chosen) in &sample.strata {
        let got: Vec<(usize, Option<i64>)> =
            chosen.iter().filter_map(|&i| read.get(i).copied().flatten().map(|o| (i, o))).collect();
        n_read += got.len();
        let (big_n, r) = (members.len() as f64, got.len() as f64);
        // The most one object of the stratum can add (its largest size).
        let largest = members.iter().map(|&i| listed.get(i).map_or(0, |o| o.size)).max().unwrap_or(0) as f64;
        if got.is_empty() {
            unread_strata += usize::from(!members.is_empty());
            continue;
        }
        for (b, (objects, bytes)) in totals.iter_mut().enumerate() {
            let ys: Vec<(f64, f64)> = got
                .iter()
                .map(|&(i, o)| if band_of(o) == b { (1.0, listed[i].size as f64) } else { (0.0, 0.0) })
                .collect();
            objects.add(big_n, r, ys.iter().map(|y| y.0), 1.0);
            bytes.add(big_n, r, ys.iter().map(|y| y.1), largest);
        }
        let ys: Vec<(f64, f64)> = got
            .iter()
            .map(|&(i, o)| {
                let moves = allow_small_file || listed[i].size >= SMALL_FILE;
                let is_cold = moves && listed[i].class == "Standard" && o.is_some_and(|t| age_days(t) >= days);
                if is_cold {
                    (1.0, listed[i].size as f64)
                } else {
                    (0.0, 0.0)
                }
            })
            .collect();
        cold.0.add(big_n, r, ys.iter().map(|y| y.0), 1.0);
        cold.1.add(big_n, r, ys.iter().map(|y| y.1), largest);
    }
    let mut classes: Vec<(String, u64, u64)> = Vec::new();
    for o in listed {
        match classes.iter_mut().find(|c| c.0 == o.class) {
            Some(c) => {
                c.1 += 1;
                c.2 = c.2.saturating_add(o.size);
            }
            None => classes.push((o.class.clone(), 1, o.size)),
        }
    }
    classes.sort_by_key(|c| std::cmp::Reverse(c.2));
    let bands = totals
        .iter()
        .enumerate()
        .map(|(b, (o, y))| Band { age: AGES.get(b).copied(), objects: o.figure(), bytes: y.figure() })
        .collect();
    Estimate {
        listed: listed.len(),
        listed_bytes: listed.iter().fold(0u64, |a, o| a.saturating_add(o.size)),
        read: n_read,
        exact: n_read == listed.len(),
        bands,
        classes,
        cold_objects: cold.0.figure(),
        cold_bytes: cold.1.figure(),
        standard_bytes: listed.iter().filter(|o| o.class == "Standard").fold(0u64, |a, o| a.saturating_add(o.size)),
        unread_strata,
    }
}

/// The stratified estimator of a total: Σ N_h · mean_h, variance Σ N_h² (1 − r_h/N_h) s_h² / r_h.
#[derive(Clone, Copy, Debug, Default)]
struct Acc {
    total: f64,
    variance: f64,
}

impl Acc {
    /// One stratum: `big_n` objects, `r` read with values `ys`, each value within `0..=bound`.
    fn add(&mut self, big_n: f64, r: f64, ys: impl Iterator<Item = f64> + Clone, bound: f64) {
        let mean = ys.clone().sum::<f64>() / r;
        self.total += big_n * mean;
        if r < big_n {
            // One read says nothing of the spread: take the most a value in 0..=bound can
            // have (bound²/4), so the margin stays honest rather than zero.
            let s2 =
                if r > 1.0 { ys.map(|y| (y - mean).powi(2)).sum::<f64>() / (r - 1.0) } else { bound * bound / 4.0 };
            self.variance += big_n * big_n * (1.0 - r / big_n) * s2 / r;
        }
    }

    fn figure(&self) -> Figure {
        Figure { value: self.total, margin: 1.96 * self.variance.sqrt() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(n: usize, seed: u64) -> (Vec<Listed>, Vec<Option<i64>>) {
        let mut rng = Rng(seed | 1);
        let now = 1_800_000_000_000i64;
        let mut objects = Vec::new();
        let mut access = Vec::new();
        for i in 0..n {
            // Mostly small, a few very large: the bytes sit in the tail.
            let size = match rng.below(100) {
                0 => 1 << (30 + rng.below(3)),
                1..=10 => 1 << (20 + rng.below(8)),
                _ => 1 + rng.below(64 * 1024) as u64,
            };
            let class = ["Standard", "Standard", "Standard", "IA", "Archive"][rng.below(5)].to_string();
            objects.push(Listed { key: format!("k{i:07}"), size, class });
            access.push(if rng.below(10) == 0 { None } else { Some(now - rng.below(400) as i64 * DAY_MS) });
        }
        (objects, access)
    }

    /// The true figures, from every object.
    fn truth(listed: &[Listed], access: &[Option<i64>], now: i64, days: u32) -> (f64, f64) {
        let cold: Vec<usize> = (0..listed.len())
            .filter(|&i| listed[i].class == "Standard" && access[i].is_some_and(|t| (now - t) / DAY_MS >= days as i64))
            .collect();
        (cold.len() as f64, cold.iter().map(|&i| listed[i].size as f64).sum())
    }

    #[test]
    fn a_small_prefix_is_read_whole_and_the_figures_are_exact() {
        let (listed, access) = listing(300, 7);
        let now = 1_800_000_000_000;
        let s = sample(&listed, 2000, 1);
        assert!(s.is_everything());
        let read: Vec<Option<Option<i64>>> = access.iter().map(|a| Some(*a)).collect();
        let e = estimate(&listed, &s, &read, now, 90, true);
        assert!(e.exact);
        let (objects, bytes) = truth(&listed, &access, now, 90);
        assert_eq!((e.cold_objects.value, e.cold_bytes.value), (objects, bytes));
        assert_eq!((e.cold_objects.margin, e.cold_bytes.margin), (0.0, 0.0));
        let band_objects: f64 = e.bands.iter().map(|b| b.objects.value).sum();
        assert_eq!(band_objects, 300.0);
        assert_eq!(e.bands.last().unwrap().objects.value, access.iter().filter(|a| a.is_none()).count() as f64);
    }

    #[test]
    fn on_a_large_prefix_the_truth_is_within_the_margin_for_most_samples() {
        let (listed, access) = listing(60_000, 11);
        let now = 1_800_000_000_000;
        let (_, true_bytes) = truth(&listed, &access, now, 90);
        let mut inside = 0;
        let mut widest: f64 = 0.0;
        for seed in 1..=40u64 {
            let s = sample(&listed, 2000, seed);
            assert_eq!(s.chosen().len(), 2000);
            let mut read = vec![None; listed.len()];
            for i in s.chosen() {
                read[i] = Some(access[i]);
            }
            let e = estimate(&listed, &s, &read, now, 90, true);
            assert!(!e.exact && e.read == 2000);
            if (e.cold_bytes.value - true_bytes).abs() <= e.cold_bytes.margin {
                inside += 1;
            }
            widest = widest.max(e.cold_bytes.margin / true_bytes);
        }
        // A 95% margin should hold the truth about 38 times in 40.
        assert!(inside >= 34, "{inside} of 40 within the margin");
        assert!(widest < 0.25, "margins up to {:.0}% of the total", widest * 100.0);
    }

    #[test]
    fn a_cancelled_scan_estimates_from_what_was_read_with_a_wider_margin() {
        let (listed, access) = listing(20_000, 5);
        let now = 1_800_000_000_000;
        let s = sample(&listed, 2000, 3);
        let chosen: Vec<usize> = s.chosen();
        let full: Vec<Option<Option<i64>>> =
            (0..listed.len()).map(|i| chosen.contains(&i).then_some(access[i])).collect();
        let mut half = full.clone();
        for (k, i) in chosen.iter().enumerate() {
            if k % 2 == 1 {
                half[*i] = None;
            }
        }
        let (a, b) = (estimate(&listed, &s, &full, now, 30, true), estimate(&listed, &s, &half, now, 30, true));
        assert_eq!(b.read, a.read / 2);
        assert!(b.cold_bytes.margin > a.cold_bytes.margin);
        assert!(!b.exact);
        // Cancelled after the first reads: every stratum has some, in turn.
        let first: Vec<usize> = chosen.iter().take(30).copied().collect();
        let early: Vec<Option<Option<i64>>> =
            (0..listed.len()).map(|i| first.contains(&i).then_some(access[i])).collect();
        assert_eq!(estimate(&listed, &s, &early, now, 30, true).unread_strata, 0);
        // A rule that leaves small files moves fewer objects.
        assert!(estimate(&listed, &s, &full, now, 30, false).cold_objects.value < a.cold_objects.value);
        // A stratum with one object read still has a margin (the widest its values allow).
        let one: Vec<usize> = s.strata.iter().map(|(_, chosen)| chosen[0]).collect();
        let single: Vec<Option<Option<i64>>> =
            (0..listed.len()).map(|i| one.contains(&i).then_some(access[i])).collect();
        let e = estimate(&listed, &s, &single, now, 30, true);
        assert_eq!((e.read, e.unread_strata), (s.strata.len(), 0));
        assert!(e.cold_bytes.margin > 0.0 && e.cold_objects.margin > 0.0);
        // A tiny sample stays within its size.
        assert_eq!(sample(&listed, 3, 1).chosen().len(), 3);
        // Nothing read: zero, said as such.
        let none = estimate(&listed, &s, &vec![None; listed.len()], now, 30, true);
        assert_eq!((none.read, none.cold_bytes.value), (0, 0.0));
        // The classes come from the listing, exactly.
        assert_eq!(a.classes.iter().map(|c| c.1).sum::<u64>(), 20_000);
    }
}
