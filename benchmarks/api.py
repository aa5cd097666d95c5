"""The REST API under concurrent clients: requests/s and p50/p99 latency at 1, 10 and 50 clients.

Usage, from the repository root::

    .venv/bin/python benchmarks/api.py [--requests N] [--compute-requests N] [--warmup N]
        [--clients 1,10,50] [--operations read,write,compute] [--workers N]
        [--database-url URL] [--baseline REF] [--json FILE]

The server is ``coordina serve`` in its own process, on a fresh SQLite file in a temporary
directory (or ``--database-url``: an empty PostgreSQL database), filled by ``coordina demo``
before it starts. The benchmark logs in as a demo head of delegation (``priya_nair``) and, for
each operation and each number of clients, starts load generators in other processes (so
that they do not share the server's GIL): each client is a thread with its own keep-alive
connection (``http.client``, chosen for its small CPU cost on a 2-core machine), sends
``--warmup`` requests, waits at a barrier for every other client, then sends its share of
the fixed total of requests (a closed loop: the next request leaves when the answer came).

Operations: ``read`` is ``GET /api/v1/negotiations/{id}``; ``write`` is
``POST /api/v1/negotiations/{id}/notes``; ``compute`` is
``POST /api/v1/library/agreements/au-kr/compute`` with ``examples/au-kr-old-age.yaml`` as JSON
(with the bearer token). Every status is counted; a non-2xx answer is no failure of the run.

Throughput is the measured requests over the wall time from the first request's start to the
last one's end. The ratios compare throughput at 10 and 50 clients with 1 client, and 50 with
10, in the same run. ``--baseline REF`` also serves the code of git revision REF (a worktree in
``.bench/api-baseline-src``, run with this venv's packages; uncommitted changes there are kept,
e.g. a ``git revert --no-commit`` of the commits under study), measures it cell by cell in turn
with the current code, and prints the current code's throughput and p99 relative to it. The
server's CPU time per request (from /proc) is printed too: it varies less than wall time when
other processes share the machine. A benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api_server import PREFIX, Server  # beside this file

ROOT = Path(__file__).resolve().parent.parent
BASELINE_SRC = ROOT / ".bench" / "api-baseline-src"
EXAMPLE = ROOT / "examples" / "au-kr-old-age.yaml"
BARRIER_TIMEOUT_S = 120.0


@dataclass
class Operation:
    name: str
    method: str
    path: str
    body: bytes | None = None
    content_type: str | None = None


@dataclass
class Cell:
    """One operation at one number of clients: what the generators measured."""

    operation: str
    clients: int
    latencies_s: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    started: float = math.inf
    ended: float = 0.0
    server_cpu_s: float = math.nan  # user + system CPU of the server's processes while measured

    @property
    def requests(self) -> int:
        return len(self.latencies_s)

    @property
    def throughput(self) -> float:
        return self.requests / (self.ended - self.started) if self.ended > self.started else 0.0

    def percentile_ms(self, q: float) -> float:
        ordered = sorted(self.latencies_s)
        if not ordered:
            return math.nan
        rank = max(0, math.ceil(q / 100 * len(ordered)) - 1)  # nearest-rank percentile
        return ordered[rank] * 1000

    @property
    def cpu_ms_per_request(self) -> float:
        return self.server_cpu_s / self.requests * 1000 if self.requests else math.nan

    @property
    def non_2xx(self) -> int:
        return sum(count for status, count in self.statuses.items() if not 200 <= status < 300)

    def summary(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "clients": self.clients,
            "requests": self.requests,
            "requests_per_s": round(self.throughput, 1),
            "p50_ms": round(self.percentile_ms(50), 2),
            "p99_ms": round(self.percentile_ms(99), 2),
            "max_ms": round(self.percentile_ms(100), 2),
            "server_cpu_ms_per_request": round(self.cpu_ms_per_request, 3),
            "non_2xx": self.non_2xx,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


# --- the load generators: separate processes, one thread and one connection per client ------


def _client(port: int, op: Operation, token: str, warmup: int, count: int, barrier: Any, out: list[Any]) -> None:
    headers = {"Authorization": f"Bearer {token}", "Connection": "keep-alive"}
    if op.content_type:
        headers["Content-Type"] = op.content_type
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def once() -> int:
        nonlocal connection
        try:
            connection.request(op.method, op.path, body=op.body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            return 0  # no answer: counted as a non-2xx status

    for _ in range(warmup):
        once()
    barrier.wait(BARRIER_TIMEOUT_S)
    rows = []
    for _ in range(count):
        start = time.perf_counter()  # CLOCK_MONOTONIC: one clock for every process of the machine
        status = once()
        rows.append((start, time.perf_counter(), status))
    connection.close()
    out.extend(rows)


def _generator(port: int, op: Operation, token: str, threads: int, warmup: int, count: int, barrier: Any,
               results: Any) -> None:  # fmt: skip
    rows: list[Any] = []
    workers = [
        threading.Thread(target=_client, args=(port, op, token, warmup, count, barrier, rows)) for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    results.put(rows)


def measure(server: Server, op: Operation, token: str, clients: int, requests: int, warmup: int,
            generators: int) -> Cell:  # fmt: skip
    """``requests`` (rounded up to a multiple of ``clients``) after ``warmup`` per client."""
    context = multiprocessing.get_context("fork")
    processes = min(clients, generators)
    per_client = math.ceil(requests / clients)
    barrier = context.Barrier(clients + 1)
    results = context.Queue()
    spawned = []
    for index in range(processes):
        threads = clients // processes + (index < clients % processes)
        process = context.Process(
            target=_generator, args=(server.port, op, token, threads, warmup, per_client, barrier, results), daemon=True
        )
        process.start()
        spawned.append(process)
    barrier.wait(BARRIER_TIMEOUT_S)  # every client warmed up and connected
    cpu = server.cpu_seconds()
    cell = Cell(op.name, clients)
    batches = [results.get(timeout=600) for _ in spawned]
    cell.server_cpu_s = server.cpu_seconds() - cpu
    for rows in batches:
        for start, end, status in rows:
            cell.latencies_s.append(end - start)
            cell.statuses[status] = cell.statuses.get(status, 0) + 1
            cell.started, cell.ended = min(cell.started, start), max(cell.ended, end)
    for process in spawned:
        process.join()
    return cell


def operations(negotiation_id: int) -> dict[str, Operation]:
    import yaml  # a dependency of the package, in this venv

    case = json.dumps(yaml.safe_load(EXAMPLE.read_text()), default=str).encode()  # a trusted file of the repo
    note = json.dumps({"text": "benchmark note"}).encode()
    negotiation = f"{PREFIX}/negotiations/{negotiation_id}"
    return {
        "read": Operation("read", "GET", negotiation),
        "write": Operation("write", "POST", f"{negotiation}/notes", note, "application/json"),
        "compute": Operation("compute", "POST", f"{PREFIX}/library/agreements/au-kr/compute", case, "application/json"),
    }


def run(servers: list[Server], args: argparse.Namespace) -> list[list[Cell]]:
    """Every cell on every server in turn (baseline, then current, cell by cell), so that a
    change in the machine's load during the run falls on both alike."""
    for server in servers:
        server.start()
    try:
        logins = [server.login() for server in servers]
        cells: list[list[Cell]] = [[] for _ in servers]
        for name in args.operations:
            requests = args.compute_requests if name == "compute" else args.requests
            for clients in args.clients:
                for index, server in enumerate(servers):
                    token, negotiation_id = logins[index]
                    op = operations(negotiation_id)[name]
                    cell = measure(server, op, token, clients, requests, args.warmup, args.generators)
                    print(f"  {server.label}: {name} x{clients}: {cell.throughput:.0f}/s, p99 "
                          f"{cell.percentile_ms(99):.0f} ms, server CPU {cell.cpu_ms_per_request:.2f} ms/request, "
                          f"load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)  # fmt: skip
                    cells[index].append(cell)
        return cells
    finally:
        for server in servers:
            server.stop()


def ensure_worktree(ref: str) -> Path:
    # REF as the repository names it (in the worktree, "HEAD" would be the worktree's own)
    ref = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()  # fmt: skip
    if BASELINE_SRC.exists():
        subprocess.run(["git", "-C", str(BASELINE_SRC), "checkout", "--quiet", "--detach", ref], check=True)
    else:
        BASELINE_SRC.parent.mkdir(exist_ok=True)
        subprocess.run(["git", "worktree", "add", "--detach", str(BASELINE_SRC), ref], cwd=ROOT, check=True)
    return BASELINE_SRC / "src"


# --- the report -----------------------------------------------------------------------------


def table(title: str, cells: list[Cell]) -> str:
    lines = [title, f"{'operation':<9} {'clients':>7} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
             f"{'cpu ms/r':>8} {'non-2xx':>8}  statuses"]  # fmt: skip
    for c in cells:
        statuses = " ".join(f"{k}:{v}" for k, v in sorted(c.statuses.items()))
        lines.append(f"{c.operation:<9} {c.clients:>7} {c.requests:>8} {c.throughput:>8.1f} "
                     f"{c.percentile_ms(50):>8.1f} {c.percentile_ms(99):>8.1f} {c.cpu_ms_per_request:>8.2f} "
                     f"{c.non_2xx:>8}  {statuses}")  # fmt: skip
    lines += ["", "throughput ratios (same run)"]
    for name in dict.fromkeys(c.operation for c in cells):
        by_clients = {c.clients: c.throughput for c in cells if c.operation == name}
        parts = []
        for high, low in ((10, 1), (50, 1), (50, 10)):
            if by_clients.get(high) and by_clients.get(low):
                parts.append(f"{high}/{low} = {by_clients[high] / by_clients[low]:.2f}")
        lines.append(f"  {name:<9} " + ("  ".join(parts) if parts else "(needs 1, 10 and 50 clients)"))
    return "\n".join(lines)


def against(baseline: list[Cell], current: list[Cell]) -> str:
    lines = ["current / baseline (same run)", f"{'operation':<9} {'clients':>7} {'req/s x':>8} {'p99 x':>8}"]
    before = {(c.operation, c.clients): c for c in baseline}
    for c in current:
        b = before.get((c.operation, c.clients))
        if b and b.throughput:
            lines.append(f"{c.operation:<9} {c.clients:>7} {c.throughput / b.throughput:>8.2f} "
                         f"{c.percentile_ms(99) / b.percentile_ms(99):>8.2f}")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="measured requests per read/write run")
    parser.add_argument("--compute-requests", type=int, default=300, help="measured requests per compute run")
    parser.add_argument("--warmup", type=int, default=5, help="requests per client before measuring")
    parser.add_argument("--clients", default="1,10,50", help="numbers of concurrent clients, comma-separated")
    parser.add_argument("--operations", default="read,write,compute")
    parser.add_argument("--workers", type=int, default=None, help="coordina serve --workers (default: its own)")
    parser.add_argument("--threads", type=int, default=None, help="coordina serve --threads (default: its own)")
    parser.add_argument("--generators", type=int, default=4, help="load-generator processes (at most)")
    parser.add_argument("--database-url", default=None, help="an empty database instead of a fresh SQLite file")
    parser.add_argument("--baseline", default=None, metavar="REF", help="also measure git revision REF, cell by cell")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file as JSON")
    args = parser.parse_args()
    args.clients = [int(n) for n in args.clients.split(",")]
    args.operations = [n.strip() for n in args.operations.split(",")]
    if args.baseline and args.database_url:
        parser.error("--baseline needs a fresh SQLite file per run: leave out --database-url")
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f} "
          "(other processes on the machine slow the server and the clients alike)", file=sys.stderr)  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="coordina-bench-") as directory:
        servers = []
        if args.baseline:  # `coordina serve` as it was: without the options of today's
            src = ensure_worktree(args.baseline)
            servers.append(Server(f"baseline {args.baseline}", src, None, [], Path(directory) / "baseline"))
        options = [f"--{name}={getattr(args, name)}" for name in ("workers", "threads") if getattr(args, name)]
        servers.append(Server("current", None, args.database_url, options, Path(directory) / "current"))
        cells = run(servers, args)
    baseline, current = (cells[0] if args.baseline else []), cells[-1]
    out = []
    if baseline:
        out += [table(f"baseline ({args.baseline})", baseline), ""]
    out.append(table("current working tree", current))
    if baseline:
        out += ["", against(baseline, current)]
    out.append(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("\n".join(out))
    if args.json:
        figures = {"current": [c.summary() for c in current], "baseline": [c.summary() for c in baseline]}
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
