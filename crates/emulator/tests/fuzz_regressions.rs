//! Inputs the `requests` fuzz target found, and its seed corpus, replayed on every test run
//! through the body the target runs (`oss_emulator::fuzzing::exercise`). Every input that once
//! crashed is in `tests/fuzz-regressions/requests`, named for what it broke.

use std::path::Path;

#[test]
fn requests_inputs_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for dir in ["tests/fuzz-regressions/requests", "fuzz/seeds/requests"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if !path.is_file() || path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| oss_emulator::fuzzing::exercise(&data));
            assert!(result.is_ok(), "{} panicked", path.display());
            n += 1;
        }
    }
    assert!(n > 0, "no saved inputs for the requests target");
}
