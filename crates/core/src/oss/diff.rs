//! Line-by-line comparison of our signing strings with the server's.

/// One line of a side-by-side comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    pub ours: Option<String>,
    pub theirs: Option<String>,
    pub same: bool,
}

/// Compare two texts line by line (aligned by position: the strings share one layout).
pub fn lines(ours: &str, theirs: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = ours.split('\n').collect();
    let b: Vec<&str> = theirs.split('\n').collect();
    (0..a.len().max(b.len()))
        .map(|i| {
            let (x, y) = (a.get(i).copied(), b.get(i).copied());
            DiffLine { ours: x.map(str::to_string), theirs: y.map(str::to_string), same: x == y }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_changed_and_missing_lines() {
        let d = super::lines("GET\n/b/\nx", "GET\n/c/");
        assert_eq!(d.iter().map(|l| l.same).collect::<Vec<_>>(), vec![true, false, false]);
        assert_eq!(d[2].theirs, None);
    }
}
