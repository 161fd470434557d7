//! The cold-data scan over scripted OSS answers: every page listed (and no further than the
//! cap), the sample's last access times read, per-object failures counted, a bucket whose CORS
//! rule lacks HEAD recognised, Cancel keeping what was listed.

use console_core::oss::cold;
use console_core::oss::cold_scan::{scan, ScanOptions, ScanProgress};
use console_core::oss::request::HttpResponse;
use console_core::oss::retry::RetryPolicy;
use console_core::oss::session::Session;
use console_core::oss::transport::TransportError;
use console_core::tasks::Cancel;
use console_core::time::UtcDateTime;
use std::cell::RefCell;

mod scripted;
use scripted::*;

fn page(keys: &[(&str, u64, &str)], next: Option<&str>) -> Result<HttpResponse, TransportError> {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>demo-bucket</Name><Prefix>data/</Prefix>",
    );
    x.push_str(&format!("<IsTruncated>{}</IsTruncated>", next.is_some()));
    if let Some(n) = next {
        x.push_str(&format!("<NextContinuationToken>{n}</NextContinuationToken>"));
    }
    for (k, size, class) in keys {
        x.push_str(&format!(
            "<Contents><Key>{k}</Key><Size>{size}</Size><StorageClass>{class}</StorageClass></Contents>"
        ));
    }
    x.push_str("</ListBucketResult>");
    xml(200, &x)
}

fn meta(last_access_ms: Option<i64>) -> Result<HttpResponse, TransportError> {
    let mut headers = vec![("x-oss-request-id".to_string(), "5F00".to_string())];
    if let Some(t) = last_access_ms {
        headers.push(("x-oss-last-access-time".to_string(), UtcDateTime::from_unix_millis(t).http_date()));
    }
    Ok(HttpResponse { status: 200, headers, body: vec![] })
}

const DAY: i64 = 86_400_000;

fn opts() -> ScanOptions {
    ScanOptions { retry: RetryPolicy { max_tries: 1, backoff_ms: 0 }, ..ScanOptions::default() }
}

#[test]
fn every_page_is_listed_and_each_sampled_object_read_failures_counted() {
    let t = Script::new(vec![
        page(&[("data/a", 100, "Standard"), ("data/b", 2000, "Standard"), ("data/c", 300, "IA")], Some("t1")),
        page(&[("data/d", 4000, "Standard"), ("data/e", 50, "Archive")], None),
        // Answers in the order the reads go out (not the listing's): four times, one refusal.
        meta(Some(NOW - 400 * DAY)),
        meta(Some(NOW - 2 * DAY)),
        meta(None),
        meta(Some(NOW - 200 * DAY)),
        xml(403, &error_body("AccessDenied", "")),
    ]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let seen = RefCell::new(Vec::<ScanProgress>::new());
    let got = run(scan(&s, &Fixed, "data/", opts(), &Cancel::new(), &|p| seen.borrow_mut().push(p))).unwrap();
    assert_eq!(got.listed.len(), 5);
    assert!(!got.capped && !got.cancelled && !got.head_blocked && !got.no_access_times);
    assert_eq!(got.failed, 1);
    let sent = t.sent.borrow();
    assert_eq!(sent.iter().filter(|r| r.method == "HEAD").count(), 5);
    assert!(sent.iter().filter(|r| r.method == "HEAD").all(|r| r.url.contains("?objectMeta")));
    assert!(sent[1].url.contains("continuation-token=t1"));
    let last = *seen.borrow().last().unwrap();
    assert_eq!((last.listed, last.listed_bytes, last.to_read, last.read, last.failed), (5, 6450, 5, 4, 1));
    // The estimate: b (2000 bytes, Standard, 200 days) is the only cold Standard object at 90 days
    // among those read; d failed, so the figures are not exact.
    let e = cold::estimate(&got.listed, &got.sample, &got.read, NOW, 90, true);
    assert!(!e.exact);
    assert_eq!(e.read, 4);
    assert_eq!(e.standard_bytes, 6100);
    // The same figures counted by hand from what was read, scaled from four read to five listed.
    let cold: Vec<usize> = (0..5)
        .filter(|&i| got.listed[i].class == "Standard" && matches!(got.read[i], Some(Some(t)) if NOW - t >= 90 * DAY))
        .collect();
    assert_eq!(e.cold_objects.value, cold.len() as f64 * 5.0 / 4.0);
    assert_eq!(e.cold_bytes.value, cold.iter().map(|&i| got.listed[i].size as f64).sum::<f64>() * 5.0 / 4.0);
    assert_eq!(got.read.iter().filter(|r| matches!(r, Some(Some(_)))).count(), 3);
}

#[test]
fn a_listing_stops_at_its_cap_and_says_so() {
    let t = Script::new(vec![
        page(&[("data/a", 1, "Standard"), ("data/b", 2, "Standard"), ("data/c", 3, "Standard")], Some("more")),
        meta(None),
        meta(None),
    ]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let got = run(scan(&s, &Fixed, "data/", ScanOptions { cap: 2, ..opts() }, &Cancel::new(), &|_| {})).unwrap();
    assert!(got.capped);
    assert_eq!(got.listed.len(), 2);
    assert!(got.no_access_times, "read, but none had an access time");
    assert_eq!(t.sent.borrow().iter().filter(|r| r.method == "GET").count(), 1, "no page past the cap");
}

#[test]
fn a_cors_rule_without_head_is_recognised_and_cancel_keeps_the_listing() {
    let no_answer = || Err(TransportError::Network("TypeError: Failed to fetch".into()));
    let t = Script::new(vec![page(&[("data/a", 1, "Standard"), ("data/b", 2, "IA")], None), no_answer(), no_answer()]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let got = run(scan(&s, &Fixed, "data/", opts(), &Cancel::new(), &|_| {})).unwrap();
    assert!(got.head_blocked, "{got:?}");
    assert_eq!(got.failed, 2);

    let t = Script::new(vec![page(&[("data/a", 1, "Standard"), ("data/b", 2, "IA")], None)]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let cancel = Cancel::new();
    // Cancelled once the listing is done: nothing is read, the listing is kept.
    let got = run(scan(&s, &Fixed, "data/", opts(), &cancel, &|p| {
        if p.to_read > 0 {
            cancel.cancel()
        }
    }))
    .unwrap();
    assert!(got.cancelled);
    assert_eq!((got.listed.len(), got.read.iter().flatten().count()), (2, 0));

    // Cancelled between pages: the first page is kept, the second never asked for.
    let t = Script::new(vec![
        page(&[("data/a", 1, "Standard"), ("data/b", 2, "IA")], Some("t1")),
        page(&[("data/c", 3, "Standard")], None),
    ]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let cancel = Cancel::new();
    let got = run(scan(&s, &Fixed, "data/", opts(), &cancel, &|p| {
        if p.listed > 0 {
            cancel.cancel()
        }
    }))
    .unwrap();
    assert!(got.cancelled);
    assert_eq!(got.listed.len(), 2);
    assert_eq!(t.sent.borrow().len(), 1);
}
