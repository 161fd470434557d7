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
