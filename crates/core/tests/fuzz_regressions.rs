//! Inputs the fuzzer found (or that were saved as interesting), replayed on every test run
//! through the same bodies the fuzz targets run (`console_core::fuzzing`).
//!
//! `tests/fuzz-regressions/` holds the `load` target's inputs at its top level and one folder per
//! other target, with every input that once crashed named for what it broke; `fuzz/seeds/<target>`
//! holds each target's small seed corpus, replayed too.

use console_core::fuzzing::TARGETS;
use std::path::Path;

const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Replay every file directly in `dir` through `body`; how many there were.
fn replay_dir(dir: &Path, body: fn(&[u8])) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if !path.is_file() || path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        // Name the input if it panics, so a failure says which one.
        let result = std::panic::catch_unwind(|| body(&data));
        assert!(result.is_ok(), "{} panicked", path.display());
        n += 1;
    }
    n
}

fn replay(target: &str) {
    let body = TARGETS.iter().find(|(name, _)| *name == target).expect("a known target").1;
    let regressions = Path::new(DIR).join("tests/fuzz-regressions").join(target);
    let seeds = Path::new(DIR).join("fuzz/seeds").join(target);
    let n = replay_dir(&regressions, body) + replay_dir(&seeds, body);
    assert!(n > 0, "no saved inputs for {target} in {} or {}", regressions.display(), seeds.display());
}

#[test]
fn saved_fuzz_inputs_do_not_panic() {
    let n = replay_dir(&Path::new(DIR).join("tests/fuzz-regressions"), console_core::trail::fuzzing::exercise);
    assert!(n > 0, "no saved inputs for load");
}

#[test]
fn events_inputs_replay() {
    replay("events");
}

#[test]
fn engine_inputs_replay() {
    replay("engine");
}

#[test]
fn credentials_inputs_replay() {
    replay("credentials");
}

#[test]
fn responses_inputs_replay() {
    replay("responses");
}

#[test]
fn session_inputs_replay() {
    replay("session");
}

#[test]
fn share_inputs_replay() {
    replay("share");
}

#[test]
fn listing_inputs_replay() {
    replay("listing");
}

#[test]
fn fleet_inputs_replay() {
    replay("fleet");
}

#[test]
fn lifecycle_inputs_replay() {
    replay("lifecycle");
}

#[test]
fn every_target_has_a_test_here() {
    let src = include_str!("fuzz_regressions.rs");
    for (name, _) in TARGETS.iter().filter(|(n, _)| *n != "load") {
        assert!(src.contains(&format!("replay(\"{name}\")")), "no replay test for {name}");
    }
}

/// Every saved input (the `load` target's and those the `parse_diff` target found) through the
/// `parse_diff` body: the fast parser agrees with the reference.
#[test]
fn saved_fuzz_inputs_parse_the_same_fast() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // Folders hold other targets' inputs.
        if !path.is_file() || path.extension().is_some_and(|e| e == "md") {
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
