//! Inputs the fuzzer found (or that were saved as interesting), replayed on every test run.

#[test]
fn saved_fuzz_inputs_do_not_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        console_core::trail::fuzzing::exercise(&data);
        n += 1;
    }
    assert!(n > 0, "no saved inputs in {dir}");
}

/// Every saved input (the `load` target's and those the `parse_diff` target found) through the
/// `parse_diff` body: the fast parser agrees with the reference.
#[test]
fn saved_fuzz_inputs_parse_the_same_fast() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        if let Err(e) = console_core::trail::scan::fuzz_body(&data) {
            panic!("{}: {e}", path.display());
        }
        n += 1;
    }
    assert!(n > 0, "no saved inputs in {dir}");
}
