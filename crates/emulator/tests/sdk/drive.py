"""Drive the local OSS emulator with the official OSS Python SDK V2 (alibabacloud-oss-v2).

Reads {"endpoint": ..., "steps": [...]} as JSON on stdin, runs each step through the SDK over
real HTTP, and writes one JSON result per step on stdout: what the SDK returned, or the error it
raised (code, HTTP status, request id, EC). crates/emulator/tests/sdk.rs makes the assertions.

The client is built the way the SDK's own samples (sample/get_bucket_access_monitor.py,
sample/put_bucket_access_monitor.py) build it: load_default(), credentials from the
OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN environment variables, region,
endpoint.
"""
import hashlib
import json
import os
import socket
import sys

import alibabacloud_oss_v2 as oss

# Python does not resolve *.localhost (browsers do); the virtual-hosted style needs it.
# Names the SDK connected to during the current step (shows the addressing style it used).
_getaddrinfo = socket.getaddrinfo
RESOLVED = []


def _loopback_getaddrinfo(host, *args, **kwargs):
    RESOLVED.append(host)
    if isinstance(host, str) and host.endswith(".localhost"):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _loopback_getaddrinfo


def client(endpoint, step):
    os.environ["OSS_ACCESS_KEY_ID"] = step["ak"]
    os.environ["OSS_ACCESS_KEY_SECRET"] = step["sk"]
    if step.get("token"):
        os.environ["OSS_SESSION_TOKEN"] = step["token"]
    else:
        os.environ.pop("OSS_SESSION_TOKEN", None)
    cfg = oss.config.load_default()
    cfg.credentials_provider = oss.credentials.EnvironmentVariableCredentialsProvider()
    cfg.region = step.get("region", "cn-hangzhou")
    cfg.endpoint = endpoint
    if step.get("style") == "path":
        cfg.use_path_style = True
    if step.get("signature") == "v1":
        cfg.signature_version = "v1"
    # One attempt unless a step asks for the SDK's retries: errors are what we look at.
    cfg.retry_max_attempts = step.get("attempts", 1)
    return oss.Client(cfg)


def run(c, step):
    op, a = step["op"], step.get("args", {})
    if op == "get_access_monitor":
        r = c.get_bucket_access_monitor(oss.GetBucketAccessMonitorRequest(bucket=a["bucket"]))
        return {"status_code": r.status_code, "request_id": r.request_id,
                "status": r.access_monitor_configuration.status}
    if op == "put_access_monitor":
        r = c.put_bucket_access_monitor(oss.PutBucketAccessMonitorRequest(
            bucket=a["bucket"],
            access_monitor_configuration=oss.AccessMonitorConfiguration(status=a["status"]),
        ))
        return {"status_code": r.status_code, "request_id": r.request_id}
    if op == "get_lifecycle":
        r = c.get_bucket_lifecycle(oss.GetBucketLifecycleRequest(bucket=a["bucket"]))
        rules = []
        for rule in r.lifecycle_configuration.rules or []:
            transitions = rule.transitions or []
            rules.append({
                "id": rule.id,
                "prefix": rule.prefix,
                "status": rule.status,
                "is_access_time": any(bool(t.is_access_time) for t in transitions),
                "expiration_days": rule.expiration.days if rule.expiration else None,
                "atime_base": rule.atime_base,
            })
        return {"status_code": r.status_code, "request_id": r.request_id, "rules": rules}
    if op == "put_lifecycle_atime":
        rule = oss.LifecycleRule(
            id=a["id"], prefix=a["prefix"], status="Enabled",
            transitions=[oss.LifecycleRuleTransition(
                days=a["days"], storage_class=a["storage_class"], is_access_time=True,
                return_to_std_when_visit=a.get("return_to_std", False),
            )],
        )
        r = c.put_bucket_lifecycle(oss.PutBucketLifecycleRequest(
            bucket=a["bucket"], lifecycle_configuration=oss.LifecycleConfiguration(rules=[rule]),
        ))
        return {"status_code": r.status_code, "request_id": r.request_id}
    if op == "get_object_meta":
        r = c.get_object_meta(oss.GetObjectMetaRequest(bucket=a["bucket"], key=a["key"]))
        return {"status_code": r.status_code, "content_length": r.content_length,
                "last_access_time": r.last_access_time.isoformat() if r.last_access_time else None}
    if op == "list_all":
        paginator = c.list_objects_v2_paginator()
        request = oss.ListObjectsV2Request(
            bucket=a["bucket"], prefix=a.get("prefix"), delimiter=a.get("delimiter"),
            max_keys=a.get("max_keys"), start_after=a.get("start_after"),
        )
        pages = []
        for page in paginator.iter_page(request):
            pages.append({
                "keys": [o.key for o in page.contents or []],
                "sizes": [o.size for o in page.contents or []],
                "etags": [o.etag for o in page.contents or []],
                "storage_classes": [o.storage_class for o in page.contents or []],
                "prefixes": [p.prefix for p in page.common_prefixes or []],
                "key_count": page.key_count,
                "is_truncated": page.is_truncated,
                "encoding_type": page.encoding_type,
            })
        return {"pages": pages}
    if op == "get_object":
        r = c.get_object(oss.GetObjectRequest(
            bucket=a["bucket"], key=a["key"], range_header=a.get("range"),
            range_behavior=a.get("range_behavior"),
        ))
        body = r.body.read()
        return {
            "status_code": r.status_code, "request_id": r.request_id, "content_range": r.content_range,
            "content_length": r.content_length, "etag": r.etag, "len": len(body),
            "md5": hashlib.md5(body).hexdigest(), "head": body[:16].hex(),
            "last_modified": r.last_modified.isoformat() if r.last_modified else None,
        }
    if op == "head_object":
        r = c.head_object(oss.HeadObjectRequest(bucket=a["bucket"], key=a["key"]))
        return {"status_code": r.status_code, "content_length": r.content_length, "etag": r.etag,
                "last_modified": r.last_modified.isoformat() if r.last_modified else None}
    raise ValueError(f"unknown op {op}")


def main():
    spec = json.load(sys.stdin)
    out = []
    for step in spec["steps"]:
        RESOLVED.clear()
        try:
            out.append({"ok": run(client(spec["endpoint"], step), step)})
        except oss.exceptions.OperationError as e:
            err = e.unwrap()
            if isinstance(err, oss.exceptions.ServiceError):
                out.append({"error": {
                    "code": err.code, "status": err.status_code, "request_id": err.request_id,
                    "header_request_id": (err.headers or {}).get("x-oss-request-id"), "ec": err.ec,
                    "message": err.message, "timestamp": str(err.timestamp),
                    "fields": err.error_fileds,
                }})
            else:
                out.append({"client_error": f"{type(err).__name__}: {err}"})
        except Exception as e:  # noqa: BLE001 (reported, the Rust side fails the test)
            out.append({"client_error": f"{type(e).__name__}: {e}"})
        out[-1]["hosts"] = sorted(set(RESOLVED))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
