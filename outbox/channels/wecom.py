"""企业微信 group robot: POST {"msgtype": "markdown", "markdown": {"content": …}} to the
robot's webhook (…/cgi-bin/webhook/send?key=…); the answer is {"errcode": 0, "errmsg": "ok"}.
errcode 45009 (too many messages this minute) is retried; any other non-zero is permanent."""

from .. import render
from . import Permanent, Temporary, http

RATE_LIMITED = {45009, -1}  # -1: "system busy"


def payload(message) -> dict:
    return {"msgtype": "markdown", "markdown": {"content": render.markdown(message)}}


def send(message) -> str:
    robot = message.robot
    if robot is None or not robot.active:
        raise Permanent("the robot was removed or switched off")
    body = payload(message)
    if http.to_files():
        return http.write_file("wecom", message.pk, {"robot": robot.name, "payload": body})
    answer = http.post_json(robot.webhook, body)
    code = answer.get("errcode", -1)
    if code == 0:
        return f"wecom:{answer.get('errmsg', 'ok')}"
    error = f"errcode {code}: {answer.get('errmsg', '')}"
    raise Temporary(error) if code in RATE_LIMITED else Permanent(error)
