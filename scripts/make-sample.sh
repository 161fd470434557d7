#!/usr/bin/env bash
# Rebuild static/sample-trail.json.gz: the real documented OSS events from the reference
# samples plus a generated week of OSS-heavy activity, as one gzipped JSON array.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p console-core --release --bin trail-gen
tmp=$(mktemp -d)
./target/release/trail-gen --events 1500 --format ndjson --seed 2026 --days 7 --out "$tmp/gen.ndjson"
python3 - "$tmp/gen.ndjson" crates/core/tests/data/all-documented-oss-events.json > "$tmp/sample.json" <<'PY'
import json, sys
events = json.load(open(sys.argv[2]))
events += [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(json.dumps(events, indent=1))
PY
gzip -9 -n -c "$tmp/sample.json" > static/sample-trail.json.gz
rm -rf "$tmp"
ls -l static/sample-trail.json.gz
