"""The server side of ``benchmarks/api.py``: ``coordina serve`` on a demo database in its own
process, its CPU time, and a login as a demo head of delegation."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
PREFIX = "/api/v1"
DEMO_USER, DEMO_PASSWORD = "priya_nair", "demo-password-not-secret"  # services/demo.py
COORDINA = "from coordina.cli import main; main()"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def http_call(port: int, method: str, path: str, body: bytes | None = None,
              headers: dict[str, str] | None = None) -> tuple[int, bytes]:  # fmt: skip
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Server:
    """``coordina serve`` on a demo database, in its own process (and its workers)."""

    def __init__(self, label: str, src: Path | None, database_url: str | None, serve_options: list[str],
                 directory: Path) -> None:  # fmt: skip
        self.label = label
        self.env = {**os.environ, "COORDINA_DATABASE_URL": database_url or f"sqlite:///{directory / 'bench.db'}"}
        if src is not None:  # the baseline's package first on the path, this venv's dependencies
            self.env["PYTHONPATH"] = str(src)
        self.serve_options = serve_options
        self.port = free_port()
        directory.mkdir(parents=True, exist_ok=True)
        self.log = directory / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        fill = subprocess.run([str(PYTHON), "-c", COORDINA, "demo"], env=self.env, capture_output=True, text=True)
        if fill.returncode != 0:
            sys.exit(f"coordina demo failed ({self.label}):\n{fill.stdout}{fill.stderr}")
        command = [str(PYTHON), "-c", COORDINA, "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        command += self.serve_options
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the server stopped ({self.label}):\n{self.log.read_text()}")
            try:
                if http_call(self.port, "GET", f"{PREFIX}/openapi.json")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        sys.exit(f"the server did not answer within 60 s ({self.label}):\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cpu_seconds(self) -> float:
        """User and system CPU time of the server and its worker processes so far (Linux /proc)."""
        assert self.process is not None
        pending, total, tick = [self.process.pid], 0.0, os.sysconf("SC_CLK_TCK")
        while pending:
            pid = pending.pop()
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime (proc(5))
                for task in Path(f"/proc/{pid}/task").iterdir():
                    pending += [int(child) for child in (task / "children").read_text().split()]
            except (OSError, IndexError, ValueError):
                continue  # a process that ended meanwhile
        return total

    def login(self) -> tuple[str, int]:
        """A bearer token of the demo head and the id of an active negotiation they take part in."""
        form = urllib.parse.urlencode({"username": DEMO_USER, "password": DEMO_PASSWORD}).encode()
        status, body = http_call(self.port, "POST", f"{PREFIX}/auth/token", form,
                                 {"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
        if status != 200:
            sys.exit(f"login as {DEMO_USER} failed: {status} {body[:300]!r}")
        token = json.loads(body)["access_token"]
        bearer = {"Authorization": f"Bearer {token}"}
        status, body = http_call(self.port, "GET", f"{PREFIX}/negotiations", headers=bearer)
        active = [n["id"] for n in json.loads(body) if n.get("status") == "active"] if status == 200 else []
        if not active:
            sys.exit(f"{DEMO_USER} takes part in no active negotiation: {status} {body[:300]!r}")
        return token, active[0]
