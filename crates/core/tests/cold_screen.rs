//! The cold-data view driven as the shell drives it: a scan asked for, its progress, Cancel,
//! stale answers dropped, the estimate for the days typed, and what is kept when a scan fails.

use console_core::oss::cold::{self, Listed};
use console_core::oss::cold_scan::{ScanError, ScanProgress, Scanned};
use console_core::oss::session::Failure;
use console_core::screens::cold::{ColdData, Command, Event, ScanFailure};

mod scripted;
use scripted::{emulator_place, update};

const NOW: i64 = 1_800_000_000_000;
const DAY: i64 = 86_400_000;

/// Four Standard objects read whole: 10 and 100 days unread, one without an access time, one
/// small (under 64 KB) 100 days unread.
fn scanned() -> Scanned {
    let listed = vec![
        Listed { key: "a".into(), size: 1 << 20, class: "Standard".into() },
        Listed { key: "b".into(), size: 2 << 20, class: "Standard".into() },
        Listed { key: "c".into(), size: 3 << 20, class: "Standard".into() },
        Listed { key: "d".into(), size: 1000, class: "Standard".into() },
    ];
    let sample = cold::sample(&listed, 2000, 1);
    let read = vec![Some(Some(NOW - 10 * DAY)), Some(Some(NOW - 100 * DAY)), Some(None), Some(Some(NOW - 100 * DAY))];
    Scanned {
        listed,
        capped: false,
        sample,
        read,
        failed: 0,
        cancelled: false,
        head_blocked: false,
        no_access_times: false,
    }
}

fn started(m: &mut ColdData) -> u64 {
    let out = update(m, Event::Scan { place: emulator_place("demo-cold") });
    match out.as_slice() {
        [Command::Scan { call, prefix, .. }] => {
            assert_eq!(prefix, &m.prefix);
            *call
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_scan_reports_progress_then_the_estimate_for_the_days_typed() {
    let mut m = ColdData::default();
    update(&mut m, Event::Prefix("data/".into()));
    let call = started(&mut m);
    assert!(m.scanning);
    assert!(update(&mut m, Event::Scan { place: emulator_place("demo-cold") }).is_empty(), "one scan at a time");
    let p = ScanProgress { listed: 4, listed_bytes: 6 << 20, to_read: 4, read: 2, failed: 0 };
    update(&mut m, Event::Progress { call: call + 1, progress: ScanProgress { listed: 99, ..p } });
    update(&mut m, Event::Progress { call, progress: p });
    assert_eq!(m.progress, p, "only this scan's progress is shown");
    update(&mut m, Event::Finished { call, result: Ok(scanned()), now_ms: NOW });
    assert!(!m.scanning);
    let (bucket, prefix, ..) = m.scanned.clone().unwrap();
    assert_eq!((bucket.as_str(), prefix.as_str()), ("demo-cold", "data/"));
    update(&mut m, Event::Days("90".into()));
    let e = m.estimate().unwrap();
    assert!(e.exact);
    assert_eq!(e.cold_bytes.value, (2 << 20) as f64, "the small file stays unless the rule says so");
    update(&mut m, Event::AllowSmallFile(true));
    assert_eq!(m.estimate().unwrap().cold_bytes.value, ((2 << 20) + 1000) as f64);
    update(&mut m, Event::Days("5".into()));
    assert_eq!(m.estimate().unwrap().cold_objects.value, 3.0);
    // Days that are not a whole number from 1 up are not taken.
    for bad in ["", "0", "-3", "1.5", "x", "99999999999"] {
        update(&mut m, Event::Days(bad.into()));
        assert_eq!(m.days(), None, "{bad:?}");
    }
}

#[test]
fn cancel_is_asked_once_and_a_failed_or_empty_scan_keeps_the_last_report() {
    let mut m = ColdData::default();
    let call = started(&mut m);
    update(&mut m, Event::Finished { call, result: Ok(scanned()), now_ms: NOW });
    let report = m.scanned.clone();

    let call = started(&mut m);
    assert_eq!(update(&mut m, Event::Cancel), vec![Command::Cancel { call }]);
    assert!(update(&mut m, Event::Cancel).is_empty(), "asked once");
    // Cancelled before anything was listed: the last report stays.
    update(&mut m, Event::Finished { call, result: Err(ScanError::Cancelled), now_ms: NOW });
    assert!(!m.scanning && !m.cancelling);
    assert_eq!(m.scanned, report);

    // A listing refused: said, and the last report stays.
    let call = started(&mut m);
    let refused = Failure::Timeout { origin: "http://127.0.0.1:9000".into() };
    // An answer to an older scan is not this one's.
    update(&mut m, Event::Finished { call: call - 1, result: Err(ScanError::Loop), now_ms: NOW });
    assert!(m.scanning);
    update(&mut m, Event::Finished { call, result: Err(ScanError::List(refused.clone())), now_ms: NOW });
    assert_eq!(m.failure, Some(ScanFailure::Failed(refused)));
    assert_eq!(m.scanned, report);

    // No bucket: nothing is sent, and the failure says why.
    let mut m = ColdData::default();
    assert!(update(&mut m, Event::Scan { place: emulator_place("") }).is_empty());
    assert!(matches!(m.failure, Some(ScanFailure::Failed(_))));
    assert!(!m.scanning);
}
