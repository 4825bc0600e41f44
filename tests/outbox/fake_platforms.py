"""A local HTTP server standing in for the platforms (loopback only): the 企业微信 and 钉钉
robot webhooks and an SMS gateway. It keeps every request, answers as each platform documents
(``{"errcode": 0, "errmsg": "ok"}``), checks DingTalk's signature like DingTalk does, and can be
told to answer 5xx or 4xx, to be slow, or to be down (stopped, then started on the same port)."""

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DING_SECRET = "SECtest0123456789abcdef"


def expected_sign(timestamp: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _answer(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.do_POST()

    def do_POST(self):
        server: FakePlatforms = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        parts = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        if server.delay:
            time.sleep(server.delay)
        if server.status != 200:
            with server.lock:
                server.refused += 1
            self._answer(server.status, {"error": "try later"})
            return
        content_type = self.headers.get("Content-Type", "")
        if "json" in content_type:
            body = json.loads(raw.decode() or "{}")
        else:
            body = dict(urllib.parse.parse_qsl(raw.decode()))
        request = {"path": parts.path, "query": query, "body": body, "type": content_type}
        if parts.path.startswith("/robot/send"):  # DingTalk: the signature must be right
            sign, timestamp = query.get("sign", ""), query.get("timestamp", "")
            fresh = timestamp.isdigit() and abs(time.time() * 1000 - int(timestamp)) < 3600_000
            if not (fresh and hmac.compare_digest(sign, expected_sign(timestamp, DING_SECRET))):
                self._answer(200, {"errcode": 310000, "errmsg": "sign not match"})
                return
        with server.lock:
            server.requests.append(request)
        if parts.path.startswith("/sms"):
            self._answer(200, {"code": 0, "msg": "提交成功"})
        else:
            self._answer(200, {"errcode": 0, "errmsg": "ok"})


class FakePlatforms:
    def __init__(self, port: int = 0):
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.status = 200
        self.delay = 0.0
        self.refused = 0
        self.port = port
        self.httpd = None

    def start(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wecom_url(self) -> str:
        return f"{self.base}/cgi-bin/webhook/send?key=test-key"

    def dingtalk_url(self) -> str:
        return f"{self.base}/robot/send?access_token=test-token"

    def sms_url(self) -> str:
        return f"{self.base}/sms/send"
