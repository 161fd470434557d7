#!/usr/bin/env bash
# Rebuild static/sample-trail.json.gz: the real documented OSS events from the reference
# samples plus a generated week of OSS-heavy activity, as one gzipped JSON array. The documented
# events (from 2021) are re-timed into that week, keeping their order and everything else, so the
# histogram shows one week instead of four years.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p console-core --release --bin trail-gen
tmp=$(mktemp -d)
./target/release/trail-gen --events 1500 --format ndjson --seed 2026 --days 7 --out "$tmp/gen.ndjson"
python3 - "$tmp/gen.ndjson" crates/core/tests/data/all-documented-oss-events.json > "$tmp/sample.json" <<'PY'
import json, sys
import datetime
events = json.load(open(sys.argv[2]))
base = datetime.datetime(2025, 11, 3, 9, 0, 0)
for i, e in enumerate(sorted(events, key=lambda e: e["eventTime"])):
    e["eventTime"] = (base + datetime.timedelta(minutes=17 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
events += [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(json.dumps(events, indent=1))
PY
gzip -9 -n -c "$tmp/sample.json" > static/sample-trail.json.gz
rm -rf "$tmp"
ls -l static/sample-trail.json.gz
