"""SMS through the district's 政务短信平台 over HTTP. Each province's gateway differs, so all of
it is configuration (settings SMS_GATEWAY_*): the URL, GET or POST, JSON or form parameters, the
parameter template with ``{mobile}`` and ``{text}``, and which field of the answer means "sent"
(``SMS_GATEWAY_OK``, e.g. ``code=0``; empty: any 2xx answer). Credentials go in the parameters
from the environment, never in the code."""

import json
import urllib.parse

from django.conf import settings

from .. import render
from . import Permanent, http


def text(message) -> str:
    return settings.SMS_SIGNATURE + render.plain(message, settings.SMS_MAX_CHARS)


def parameters(mobile: str, content: str) -> dict:
    try:
        template = json.loads(settings.SMS_GATEWAY_PARAMS)
    except ValueError as exc:
        raise Permanent(f"SMS_GATEWAY_PARAMS is not JSON: {exc}") from exc
    return {
        name: value.replace("{mobile}", mobile).replace("{text}", content)
        if isinstance(value, str)
        else value
        for name, value in template.items()
    }


def accepted(answer: bytes) -> bool:
    rule = settings.SMS_GATEWAY_OK
    if not rule:
        return True
    field, _sep, wanted = rule.partition("=")
    try:
        found = json.loads(answer.decode("utf-8"))
    except ValueError:
        return False
    for part in field.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    return str(found) == wanted


def send(message) -> str:
    params = parameters(message.address, text(message))
    if http.to_files():
        return http.write_file("sms", message.pk, {"to": message.address, "params": params})
    url = settings.SMS_GATEWAY_URL
    if not url:
        raise Permanent("no SMS gateway is configured (SMS_GATEWAY_URL)")
    method = settings.SMS_GATEWAY_METHOD.upper()
    if method == "GET":
        status, body = http.request(http.add_query(url, **params), body=None, method="GET")
    elif settings.SMS_GATEWAY_FORMAT == "form":
        data = urllib.parse.urlencode(params).encode()
        status, body = http.request(
            url, body=data, content_type="application/x-www-form-urlencoded"
        )
    else:
        status, body = http.request(url, body=json.dumps(params, ensure_ascii=False).encode())
    if not accepted(body):
        raise Permanent(
            f"HTTP {status}: the gateway refused: {body[:300].decode('utf-8', 'replace')}"
        )
    return f"sms:{body[:150].decode('utf-8', 'replace')}"
