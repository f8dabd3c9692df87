"""Mail servers for the tests: a tiny one that answers, and a port where nothing listens.

``SmtpServer`` speaks just enough SMTP (EHLO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT) for Django's SMTP backend and keeps each message it accepts, parsed.
"""

import email
import socket
import socketserver
import threading
from email import policy


class _Session(socketserver.StreamRequestHandler):
    def handle(self):
        self.reply("220 test.example.org ESMTP")
        while line := self.rfile.readline():
            verb = line.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
            if verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.received.append(self.read_data())
                self.reply("250 OK: queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            elif verb in {"EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP"}:
                self.reply("250 OK")
            else:
                self.reply("502 Command not implemented")

    def read_data(self):
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return email.message_from_bytes(b"".join(lines), policy=policy.default)

    def reply(self, text):
        self.wfile.write(text.encode("ascii") + b"\r\n")


class SmtpServer(socketserver.ThreadingTCPServer):
    """A mail server on 127.0.0.1 (a free port); ``received`` holds what it accepted."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port=0):
        super().__init__(("127.0.0.1", port), _Session)
        self.received = []
        self.port = self.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.shutdown()
        self.server_close()


def dead_port() -> socket.socket:
    """A socket bound to a free port that does not listen: connecting there is refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock
