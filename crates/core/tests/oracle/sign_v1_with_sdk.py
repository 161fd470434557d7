"""Sign requests with the official OSS Python SDK's SignerV1 (alibabacloud-oss-v2), offline.

Reads a JSON list of cases on stdin, writes a JSON list of results on stdout. Used by
crates/core/tests/oracle_v1.rs as an independent check of our V1 signer.
"""
import datetime
import json
import sys

from alibabacloud_oss_v2.signer import SignerV1
from alibabacloud_oss_v2.types import Credentials, HttpRequest, SigningContext


def sign(case):
    url = "https://example.invalid/"
    if case["query"]:
        url += "?" + case["query"]
    request = HttpRequest(case["method"], url, headers=dict(case["headers"]))
    ctx = SigningContext(
        bucket=case["bucket"],
        key=case["key"],
        request=request,
        credentials=Credentials(case["ak"], case["sk"], case["token"] or None),
        signing_time=datetime.datetime.fromtimestamp(case["time_ms"] / 1000, datetime.timezone.utc),
    )
    ctx.sub_resource = case["extra_subresources"]
    SignerV1().sign(ctx)
    return {
        "string_to_sign": ctx.string_to_sign,
        "authorization": request.headers["Authorization"],
        "date": request.headers["Date"],
        # Everything the SDK would put on the wire, as (name, value) pairs.
        "headers": [[k, v] for k, v in request.headers.items()],
    }


if __name__ == "__main__":
    json.dump([sign(c) for c in json.load(sys.stdin)], sys.stdout)
