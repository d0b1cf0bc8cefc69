"""A small SMTP server on loopback for the tests (issue 13 §3): it accepts every letter and keeps
each message's Message-ID, so a test can count what arrived. It speaks just enough SMTP for msmtp
(EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT); no TLS, no authentication."""
import re
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 qlcb-sink ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-qlcb-sink")
                self.reply("250 8BITMIME")
            elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data)
                self.server.sink.received(b"".join(lines).decode(errors="replace"))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPSink:
    """`with SMTPSink() as sink:` … `sink.url` for SMTP_URL, `sink.message_ids()` for what arrived."""

    def __init__(self):
        self._lock, self._ids = threading.Lock(), []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self
        self.port = self._server.server_address[1]
        self.url = f"smtp://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def received(self, message):
        found = re.search(r"^Message-ID:\s*(\S+)", message, re.M | re.I)
        with self._lock:
            self._ids.append(found.group(1) if found else "")

    def message_ids(self):
        with self._lock:
            return list(self._ids)

    def close(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
