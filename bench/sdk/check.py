"""What voxhook sends, checked by each platform's own SDK (bench/sdk/run.sh installs them).

For every platform example in examples/platforms/ it builds each webhook with voxhook (the tool
call and pre_call with `test --dry-run --json`, call_status and post_call from a replayed call
with `simulate --dry-run --json`), then:
  1. verifies the signature with the platform's own verifier where the SDK has one
     (retell `verify`, elevenlabs `webhooks.construct_event`, twilio `RequestValidator`,
     standardwebhooks `Webhook.verify`); Vapi and Bland publish none, so their HMAC is
     recomputed here from the SDK's documented plan;
  2. parses the payload with the SDK's own (strict, pydantic) types where it has them.
Prints one line per webhook and exits 1 if any fails.

Usage: python check.py path/to/voxhook
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VOXHOOK = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/voxhook")

SECRETS = {
    "vapi": ("VAPI_SECRET", "vapi-secret-for-the-sdk-check"),
    "retell": ("RETELL_API_KEY", "key_sdkcheck0123456789"),
    "elevenlabs": ("ELEVENLABS_WEBHOOK_SECRET", "wsec_sdkcheck0123456789"),
    "twilio": ("TWILIO_AUTH_TOKEN", "0123456789abcdef0123456789abcdef"),
    "bland": ("BLAND_WEBHOOK_SECRET", "bland-secret-for-the-sdk-check"),
}


def run(platform, args):
    env = dict(os.environ, NO_COLOR="1")
    name, value = SECRETS[platform]
    env[name] = value
    cmd = [VOXHOOK, "-f", os.path.join(ROOT, "examples/platforms", platform + ".yaml")] + args
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {out.returncode}: {out.stderr}")
    return out.stdout


def captures(platform):
    """(kind, url, headers dict, raw body) for each webhook of the platform's example."""
    out = []
    for target, kind, extra in [
        ("check_order_status", "tool", ["-p", "order_number=ORD-12345"]),
        ("pre_call", "pre_call", []),
    ]:
        doc = json.loads(run(platform, ["test", target, "--dry-run", "--json", "--show-secrets"] + extra))
        req = doc["request"]
        headers = {k.lower(): v for k, v in req["headers"]}
        out.append((kind, req["url"], headers, req.get("raw_body") or ""))
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = run(platform, ["simulate", os.path.join(ROOT, "examples/platforms/call.txt"),
                           "--dry-run", "--json", "--show-secrets", "--now", now])
    for line in lines.splitlines():
        ev = json.loads(line)
        if ev["event"] != "webhook" or ev["target"] not in ("call_status", "post_call"):
            continue
        headers = {k.lower(): v for k, v in ev["headers"].items()}
        body = ev.get("body")
        if isinstance(body, str):
            raw = body  # a form body is reported as its text
        else:
            raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
        out.append((ev["target"], ev["url"], headers, raw))
    return out


def hex_hmac(key, msg, algo=hashlib.sha256):
    return hmac.new(key.encode(), msg.encode(), algo).hexdigest()


def check_vapi(kind, url, headers, raw, secret):
    from vapi.types import (ServerMessageAssistantRequest, ServerMessageEndOfCallReport,
                            ServerMessageStatusUpdate, ServerMessageToolCalls)
    # Vapi's HmacAuthenticationPlan defaults: x-timestamp, x-signature, "{timestamp}.{body}", hex.
    ts = headers["x-timestamp"]
    want = hex_hmac(secret, f"{ts}.{raw}")
    assert hmac.compare_digest(headers["x-signature"], want), "x-signature does not verify"
    model = {"tool": ServerMessageToolCalls, "pre_call": ServerMessageAssistantRequest,
             "call_status": ServerMessageStatusUpdate, "post_call": ServerMessageEndOfCallReport}[kind]
    model.model_validate(json.loads(raw)["message"])


def check_retell(kind, url, headers, raw, secret):
    from retell import Retell
    from retell.types import PhoneCallResponse
    client = Retell(api_key=secret)
    assert client.verify(raw, secret, headers["x-retell-signature"]), "Retell.verify refused it"
    body = json.loads(raw)
    if kind == "pre_call":
        assert body["event"] == "call_inbound" and body["call_inbound"]["from_number"]
    else:
        PhoneCallResponse.model_validate(body["call"])


def check_elevenlabs(kind, url, headers, raw, secret):
    from elevenlabs.client import ElevenLabs
    if kind == "tool":
        json.loads(raw)  # server tools carry only their auth headers
        return
    event = ElevenLabs(api_key="unused").webhooks.construct_event(
        raw, headers["elevenlabs-signature"], secret)
    if kind == "post_call":
        from elevenlabs.types import GetConversationResponseModel
        assert event["type"] == "post_call_transcription"
        GetConversationResponseModel.model_validate(event["data"])
    if kind == "pre_call":
        for k in ("caller_id", "agent_id", "called_number", "call_sid"):
            assert isinstance(event[k], str), k


def check_twilio(kind, url, headers, raw, secret):
    from urllib.parse import parse_qsl
    from twilio.request_validator import RequestValidator
    v = RequestValidator(secret)
    sig = headers["x-twilio-signature"]
    if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        params = dict(parse_qsl(raw, keep_blank_values=True))
        assert v.validate(url, params, sig), "RequestValidator refused the form"
        for k in ("CallSid", "AccountSid", "From", "To", "CallStatus", "Direction", "ApiVersion"):
            assert params.get(k), k
    else:
        assert v.validate(url, raw, sig), "RequestValidator refused the JSON body"


def check_bland(kind, url, headers, raw, secret):
    assert hmac.compare_digest(headers["x-webhook-signature"], hex_hmac(secret, raw)), \
        "X-Webhook-Signature does not verify"
    body = json.loads(raw)
    if kind == "post_call":
        assert body["call_id"] and isinstance(body["transcripts"], list)


def check_standard_webhooks():
    from standardwebhooks.webhooks import Webhook
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    env = dict(os.environ, NO_COLOR="1", ORDERS_WHSEC=secret, ACME_TOKEN="x")
    out = subprocess.run([VOXHOOK, "-f", os.path.join(ROOT, "actions.example.yaml"), "test",
                          "check_order_status", "-p", "order_number=ORD-12345", "--dry-run",
                          "--json", "--show-secrets"], env=env, capture_output=True, text=True)
    req = json.loads(out.stdout)["request"]
    headers = {k.lower(): v for k, v in req["headers"]}
    Webhook(secret).verify(req["raw_body"], headers)


def main():
    failed = 0
    for platform in ["vapi", "retell", "elevenlabs", "twilio", "bland"]:
        secret = SECRETS[platform][1]
        check = globals()["check_" + platform]
        for kind, url, headers, raw in captures(platform):
            try:
                check(kind, url, headers, raw, secret)
                print(f"ok    {platform:<11} {kind}")
            except Exception as e:  # noqa: BLE001 - every failure is reported, then counted
                failed += 1
                print(f"FAIL  {platform:<11} {kind}: {type(e).__name__}: {str(e)[:600]}")
    try:
        check_standard_webhooks()
        print("ok    voxhook     tool (standard-webhooks)")
    except Exception as e:  # noqa: BLE001
        failed += 1
        print(f"FAIL  voxhook     tool (standard-webhooks): {e}")
    print(f"{failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
