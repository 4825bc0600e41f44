"""A tiny SMTP server on a free local port for the delivery tests: it answers the first
``refuse`` connections with "421 service not available" (a mail server that is down), then
accepts mail and keeps it. Enough of RFC 5321 for smtplib; no TLS, no AUTH."""

import email
import socket
import socketserver
import threading
from email.message import Message


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        server: FlakySMTPServer = self.server
        with server.lock:
            server.connections += 1
            refused = server.connections <= server.refuse
        if refused:
            self.wfile.write(b"421 4.3.2 Service not available, try later\r\n")
            return
        self.wfile.write(b"220 localhost test SMTP\r\n")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-localhost\r\n250 8BITMIME\r\n")
            elif verb in ("HELO", "NOOP", "RSET"):
                recipients = [] if verb == "RSET" else recipients
                self.wfile.write(b"250 OK\r\n")
            elif verb == "MAIL":
                recipients = []
                self.wfile.write(b"250 OK\r\n")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.wfile.write(b"250 OK\r\n")
            elif verb == "DATA":
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                body = bytearray()
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                with server.lock:
                    server.messages.append((recipients, email.message_from_bytes(bytes(body))))
                self.wfile.write(b"250 OK queued\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:
                self.wfile.write(b"502 Command not implemented\r\n")


class FlakySMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, refuse: int = 0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.refuse = refuse
        self.connections = 0
        self.messages: list[tuple[list[str], Message]] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

    def recipients(self) -> list[str]:
        return sorted(r for to, _m in self.messages for r in to)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
