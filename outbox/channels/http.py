"""One POST to a platform, with a timeout, its answer classified; or, on the embedded default
(``OUTBOX_TRANSPORT=files``), the request written to ``var/outbox/<channel>/`` instead.

The standard library's urllib is enough for a JSON POST and keeps the dependency list short.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import Permanent, Temporary


def to_files() -> bool:
    return settings.OUTBOX_TRANSPORT == "files"


def write_file(channel: str, pk: int, request: dict) -> str:
    folder = Path(settings.OUTBOX_FILE_PATH) / channel
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{timezone.now():%Y%m%d-%H%M%S}-{pk}.json"
    path.write_text(json.dumps(request, ensure_ascii=False, indent=2), encoding="utf-8")
    return f"file:{path.name}"


def request(
    url: str, *, body: bytes | None, content_type: str = "application/json", method: str = "POST"
) -> tuple[int, bytes]:
    """The status and body of the answer; Temporary or Permanent when there is none worth
    having. 4xx is permanent except 408 and 429 (the platform asks us to come back)."""
    headers = {"Content-Type": f"{content_type}; charset=utf-8"} if body is not None else {}
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=settings.OUTBOX_HTTP_TIMEOUT) as answer:
            return answer.status, answer.read(65536)
    except urllib.error.HTTPError as exc:
        text = exc.read(500).decode("utf-8", "replace")
        if exc.code in (408, 429) or exc.code >= 500:
            raise Temporary(f"HTTP {exc.code}: {text}") from exc
        raise Permanent(f"HTTP {exc.code}: {text}") from exc
    except TimeoutError as exc:
        raise Temporary(f"timed out after {settings.OUTBOX_HTTP_TIMEOUT} s") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise Temporary(f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}") from exc


def post_json(url: str, payload: dict) -> dict:
    status, body = request(url, body=json.dumps(payload, ensure_ascii=False).encode())
    try:
        return json.loads(body.decode("utf-8") or "{}")
    except ValueError as exc:
        raise Temporary(f"HTTP {status}: not JSON: {body[:200]!r}") from exc


def add_query(url: str, **params) -> str:
    parts = urllib.parse.urlsplit(url)
    query = "&".join(filter(None, [parts.query, urllib.parse.urlencode(params)]))
    return urllib.parse.urlunsplit(parts._replace(query=query))
