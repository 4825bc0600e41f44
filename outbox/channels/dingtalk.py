"""钉钉 custom robot: POST {"msgtype": "markdown", "markdown": {"title", "text"}} to the webhook
(…/robot/send?access_token=…), signed as DingTalk documents for 加签 robots: ``timestamp`` in
milliseconds and ``sign`` = urlencode(base64(HMAC-SHA256(key=secret, "{timestamp}\\n{secret}")))
added to the query. The answer is {"errcode": 0, "errmsg": "ok"}; 130101 (sending too fast) is
retried, any other non-zero (310000: bad signature or timestamp) is permanent."""

import base64
import hashlib
import hmac
import time

from .. import render
from . import Permanent, Temporary, http

RATE_LIMITED = {130101, -1}


def signature(timestamp_ms: int, secret: str) -> str:
    """base64 of HMAC-SHA256 over "timestamp\\nsecret" keyed by the secret (not yet urlencoded:
    ``http.add_query`` encodes it once)."""
    text = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), text, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signed_url(webhook: str, secret: str, now_ms: int | None = None) -> str:
    if not secret:
        return webhook
    timestamp = now_ms if now_ms is not None else int(time.time() * 1000)
    return http.add_query(webhook, timestamp=timestamp, sign=signature(timestamp, secret))


def payload(message) -> dict:
    return {
        "msgtype": "markdown",
        "markdown": {"title": render.heading(message), "text": render.markdown(message)},
    }


def send(message) -> str:
    robot = message.robot
    if robot is None or not robot.active:
        raise Permanent("the robot was removed or switched off")
    body = payload(message)
    if http.to_files():
        return http.write_file("dingtalk", message.pk, {"robot": robot.name, "payload": body})
    answer = http.post_json(signed_url(robot.webhook, robot.secret), body)
    code = answer.get("errcode", -1)
    if code == 0:
        return f"dingtalk:{answer.get('errmsg', 'ok')}"
    error = f"errcode {code}: {answer.get('errmsg', '')}"
    raise Temporary(error) if code in RATE_LIMITED else Permanent(error)
