"""Sign requests with the official OSS Python SDK (alibabacloud-oss-v2), offline.

Reads a JSON list of cases on stdin, writes a JSON list of results on stdout. Used by
crates/core/tests/oracle.rs as an independent check of our V4 signer.
"""
import datetime
import json
import sys

from alibabacloud_oss_v2.credentials import StaticCredentialsProvider  # noqa: F401 (import check)
from alibabacloud_oss_v2.signer import SignerV4
from alibabacloud_oss_v2.types import Credentials, HttpRequest, SigningContext


def sign(case):
    url = "https://example.invalid/"
    if case["query"]:
        url += "?" + case["query"]
    request = HttpRequest(case["method"], url, headers=dict(case["headers"]))
    ctx = SigningContext(
        product=case["product"],
        region=case["region"],
        bucket=case["bucket"],
        key=case["key"],
        request=request,
        credentials=Credentials(case["ak"], case["sk"], case["token"] or None),
        signing_time=datetime.datetime.fromtimestamp(case["time_ms"] / 1000, datetime.timezone.utc),
        additional_headers=set(case["additional_headers"]) or None,
    )
    signer = SignerV4()
    signer.sign(ctx)
    additional = signer._common_additional_headers(request, ctx.additional_headers)
    return {
        "canonical_request": signer._calc_canonical_request(signing_ctx=ctx, additional_headers=additional),
        "string_to_sign": ctx.string_to_sign,
        "authorization": request.headers["Authorization"],
        "x_oss_date": request.headers["x-oss-date"],
        "token_header": request.headers.get("x-oss-security-token"),
    }


if __name__ == "__main__":
    json.dump([sign(c) for c in json.load(sys.stdin)], sys.stdout)
