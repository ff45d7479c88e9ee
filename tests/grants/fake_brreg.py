"""A stand-in for Enhetsregisteret's API on 127.0.0.1, serving the recorded answers in
tests/grants/fixtures (never the internet): GET /enheter/<nr> and /enheter/<nr>/roller.
A number without a recording answers 404; numbers in `failing` answer 503."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class FakeRegister:
    def __init__(self):
        self.entities = {}
        self.roles = {}
        self.failing = set()
        self.requests = []
        for path in FIXTURES.glob("enhet_*.json"):
            self.entities[path.stem.split("_")[1]] = recorded(path.name)
        for path in FIXTURES.glob("roller_*.json"):
            self.roles[path.stem.split("_")[1]] = recorded(path.name)
        register = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                register.requests.append(self.path)
                parts = self.path.strip("/").split("/")
                number = parts[1] if len(parts) > 1 else ""
                if number in register.failing:
                    return self._answer(503, {"status": 503})
                if parts[0] == "enheter" and len(parts) == 2 and number in register.entities:
                    return self._answer(200, register.entities[number])
                if parts[0] == "enheter" and parts[2:] == ["roller"] and number in register.roles:
                    return self._answer(200, register.roles[number])
                return self._answer(404, {"status": 404, "error": "Not Found"})

            def _answer(self, code, body):
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
