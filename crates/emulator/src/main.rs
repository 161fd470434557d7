//! `oss-emulator [--addr HOST:PORT] [--region ID] [--cors-origin ORIGIN]… [--bucket SPEC]…
//! [--trail-start YYYY-MM-DD] [--trail-days N] [--trail-seed S] [--trail-regions A,B,…]
//! [--max-connections N] [--header-timeout-ms MS]`; `--help` explains each.

use console_core::oss::demo;
use console_core::time::parse_iso8601;
use oss_emulator::{Bucket, Limits, State, TrailConfig};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const HELP: &str = "\
oss-emulator: a local Alibaba Cloud OSS emulator for the console and its tests.

It verifies signatures V4 and V1, the STS token and the clock like OSS, answers with OSS's error
XML, and serves GetBucketAccessMonitor/PutBucketAccessMonitor, GetBucketLifecycle,
ListObjectsV2, GetObject and HeadObject. Address buckets virtual-hosted
(http://<bucket>.localhost:PORT/) or path-style (http://127.0.0.1:PORT/<bucket>/).

USAGE:
    oss-emulator [OPTIONS]

OPTIONS:
    --addr HOST:PORT          Where to listen [default: 127.0.0.1:9000]. Port 0 picks a free port;
                              the line `listening on http://HOST:PORT` says which.
    --region ID               The region requests must be signed for [default: cn-hangzhou].
    --cors-origin ORIGIN      Allow this origin (one `*` wildcard allowed); repeatable.
                              [default: the console's own origins, where scripts/run.sh
                              serves it: http://127.0.0.1:8080 and http://localhost:8080]
    --bucket NAME[:enabled][:lifecycle]
                              Add a bucket; `enabled` turns access tracking on, `lifecycle` adds a
                              last-access-time lifecycle rule (so tracking cannot be disabled).
                              Repeatable.
    --trail-start YYYY-MM-DD  First UTC day of the seeded trail [default: so that it ends today].
    --trail-days N            How many UTC days the trail covers, 1 to 92 [default: 3].
    --trail-seed S            Seed of the generated events (same seed and days, same files)
                              [default: 7].
    --trail-regions A,B,...   Regions the trail delivers for
                              [default: cn-hangzhou,cn-shanghai,ap-southeast-1].
    --max-connections N       Connections served at once; more get 503 [default: 256].
    --header-timeout-ms MS    Time a client has to send a request head; also how long an idle
                              connection stays open [default: 10000].
    -h, --help                Print this help.

DEMO ACCOUNT (not secrets: they open nothing real):
    AccessKeyId STS.EmulatorDemoKeyId, AccessKeySecret EmulatorDemoSecret/NotForProduction+0,
    SecurityToken CAIS.EmulatorDemoToken+/Q== ; STS.EmulatorExpiredKeyId is an expired key.

BUCKETS:
    demo-bucket      tracking disabled, no lifecycle rules
    demo-locked      tracking enabled, a last-access-time lifecycle rule: disabling is refused
    demo-trail       an ActionTrail trail (prefix actiontrail/, single-account layout) and an
                     ordinary lifecycle rule
    demo-trail-org   a smaller trail in the multi-account layout (prefix org-trail/)
    fleet-01..20     for the many-buckets view: every third enabled, 07 and 14 locked by an
                     access-time rule
    fleet-sh-01, 02  in cn-shanghai: asked in another region, AccessDenied names their endpoint
    fleet-denied     the demo credentials may not touch it (AccessDenied)
    fleet-nocors     no CORS rule for any origin (the browser cannot read its answers)
    demo-cold        3,000 objects with storage classes and last access times, tracking on, and a
                     lifecycle configuration using every element a client must keep

CONTROL API (tests): /__emulator/{state,reset,cors,clock,faults,bucket,requests,requests/clear,
objects,content-encoding,trail}; every call needs the header `x-emulator-control: 1` and a loopback
Host. See crates/emulator/README.md.
";

fn fail(message: &str) -> ! {
    eprintln!("oss-emulator: {message}\nRun `oss-emulator --help` for the options.");
    std::process::exit(2)
}

fn parse_day(s: &str) -> Option<i64> {
    if s.len() != 10 {
        return None;
    }
    parse_iso8601(&format!("{s}T00:00:00Z"))
}

fn main() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    let mut trail = TrailConfig::ending_on(now);
    let mut trail_start: Option<i64> = None;
    let mut addr = format!("127.0.0.1:{}", demo::PORT);
    let mut region: Option<String> = None;
    let mut origins: Vec<String> = vec![];
    let mut extra_buckets: Vec<(String, Bucket)> = vec![];
    let mut limits = Limits::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            print!("{HELP}");
            return;
        }
        let Some(value) = args.next() else { fail(&format!("{arg} needs a value")) };
        match arg.as_str() {
            "--addr" => addr = value,
            "--region" => region = Some(value),
            "--cors-origin" => origins.push(value),
            "--bucket" => {
                let mut parts = value.split(':');
                let name = parts.next().unwrap_or_default().to_string();
                if name.is_empty() {
                    fail("--bucket needs a name");
                }
                let flags: Vec<&str> = parts.collect();
                let mut b = Bucket::new(flags.contains(&"enabled"));
                b.set_access_time_rule(flags.contains(&"lifecycle"));
                extra_buckets.push((name, b));
            }
            "--trail-start" => {
                trail_start = Some(parse_day(&value).unwrap_or_else(|| fail("--trail-start wants YYYY-MM-DD")))
            }
            "--trail-days" => {
                trail.days = match value.parse() {
                    Ok(n) if (1..=92).contains(&n) => n,
                    _ => fail("--trail-days wants a number from 1 to 92"),
                }
            }
            "--trail-seed" => trail.seed = value.parse().unwrap_or_else(|_| fail("--trail-seed wants a number")),
            "--trail-regions" => {
                trail.regions = value.split(',').map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).collect();
                if trail.regions.is_empty() {
                    fail("--trail-regions wants at least one region");
                }
            }
            "--max-connections" => {
                limits.max_connections = match value.parse() {
                    Ok(n) if n >= 1 => n,
                    _ => fail("--max-connections wants a number of at least 1"),
                }
            }
            "--header-timeout-ms" => {
                limits.header_timeout = match value.parse() {
                    Ok(ms) if ms >= 1 => Duration::from_millis(ms),
                    _ => fail("--header-timeout-ms wants a number of milliseconds"),
                }
            }
            other => fail(&format!("unknown option {other}")),
        }
    }
    // Without a start, the trail ends today whatever its length.
    trail.first_day_ms =
        trail_start.unwrap_or(trail.first_day_ms - (trail.days as i64 - demo::TRAIL_DAYS as i64) * 86_400_000);
    if let Some(r) = &region {
        trail.history_region = r.clone();
    }
    let listener = match std::net::TcpListener::bind(&addr) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("oss-emulator: cannot listen on {addr}: {e}");
            std::process::exit(1)
        }
    };
    let mut state = State::with_trail(&trail);
    if let Some(r) = region {
        state.region = r;
    }
    if !origins.is_empty() {
        state.cors_origins = origins;
    }
    state.buckets.extend(extra_buckets);
    state.keep_as_baseline();
    let bound = listener.local_addr().map(|a| a.to_string()).unwrap_or(addr);
    let c = &state.seeded.config;
    println!(
        "trail: {} objects in {}/{}/ and {} in {}/{}/, {} day(s) from {}, seed {}",
        state.seeded.trail.len(),
        demo::TRAIL_BUCKET,
        demo::TRAIL_PREFIX,
        state.seeded.org.len(),
        demo::ORG_TRAIL_BUCKET,
        demo::ORG_TRAIL_PREFIX,
        c.days,
        &console_core::time::UtcDateTime::from_unix_millis(c.first_day_ms).iso8601_extended()[..10],
        c.seed
    );
    // Tests read this line to learn the port when started with port 0.
    println!(
        "oss-emulator listening on http://{bound} (buckets: {})",
        state.buckets.keys().cloned().collect::<Vec<_>>().join(", ")
    );
    let shared = std::sync::Arc::new(std::sync::Mutex::new(state));
    if let Err(e) = oss_emulator::run(listener, shared, limits) {
        eprintln!("oss-emulator: {e}");
        std::process::exit(1)
    }
}
