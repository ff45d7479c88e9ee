"""A stand-in for the SMTP server on 127.0.0.1: enough of the protocol for smtplib (and
so Django's SMTP backend) to hand it e-mail. `accepting = False` makes it hang up on
every new connection before greeting (the client sees the server disconnect), and
`closed_port()` is an address where nothing listens (the connection is refused)."""

import socket
import socketserver
import threading
from email import message_from_bytes, policy


class FakeSMTP:
    def __init__(self):
        self.accepting = True
        self.messages = []  # email.message.EmailMessage, in the order received
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                if not server.accepting:
                    return  # hang up at once
                self._reply("220 fake ESMTP")
                while line := self.rfile.readline():
                    command = line.decode("ascii", "replace").strip().upper()
                    if command.startswith(("EHLO", "HELO")):
                        self._reply("250-fake", "250 8BITMIME")
                    elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                        self._reply("250 OK")
                    elif command == "DATA":
                        self._reply("354 End data with <CR><LF>.<CR><LF>")
                        server.messages.append(message_from_bytes(self._data(), policy=policy.SMTP))
                        self._reply("250 OK: queued")
                    elif command == "QUIT":
                        self._reply("221 Bye")
                        return
                    else:
                        self._reply("502 Command not implemented")

            def _data(self) -> bytes:
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(line[1:] if line.startswith(b"..") else line)
                return b"".join(lines)

            def _reply(self, *lines):
                self.wfile.write("".join(f"{line}\r\n" for line in lines).encode())

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def recipients(self) -> list[str]:
        return [message["To"] for message in self.messages]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens: bound and let go again at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
