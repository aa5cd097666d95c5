"""The coordination engine's speed against the engine of commit b3a2513, measured in the same run.

Usage, from the repository root::

    .venv/bin/python benchmarks/engine.py [--quick] [--json FILE]

The baseline is the package of commit b3a2513, from a git worktree in ``.bench/baseline-src``
installed (with its locked dependencies, not editable) into ``.bench/baseline``; both are
created when missing. The same script then runs as a worker in each environment, one
process per engine, on the same seeded careers (``careers.py``), and prints its figures as
JSON on stdout. A worker measures, per career size: CPU time (``time.process_time``) and
wall time per claim of ``coordina.compute(case, agreement_id)``, after a warm-up, so that
loading the library is not part of a claim. Errors are counted, never fatal.
"""

import argparse
import gc
import hashlib
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import careers

ROOT = Path(__file__).resolve().parent.parent
BASELINE_COMMIT = "b3a2513"
BENCH = ROOT / ".bench"
BASELINE_SRC = BENCH / "baseline-src"
BASELINE_VENV = BENCH / "baseline"
CURRENT_PYTHON = ROOT / ".venv" / "bin" / "python"

# Careers measured per size; a size also stops once its CPU budget is spent (after one career).
# The baseline checks every pair of periods (~85 s for 10,000 periods), hence its caps.
PLANS = {
    ("current", False): {1: 200, 10: 200, 100: 60, 1_000: 12, 10_000: 6},
    ("baseline", False): {1: 200, 10: 200, 100: 60, 1_000: 6, 10_000: 1},
    ("current", True): {1: 50, 10: 50, 100: 12, 1_000: 6, 10_000: 6},
    ("baseline", True): {1: 50, 10: 50, 100: 12, 1_000: 2},
}
CPU_BUDGET_S = {False: 120.0, True: 30.0}
# The machine's speed drifts (the same loop was seen to take 0.36 s and 0.64 s minutes apart):
# every size is measured in alternating rounds, baseline then current, and each claim keeps its
# best (lowest) time over the rounds; only the baseline's 10,000-period career (~90 s) runs once.
ROUNDS = {False: 3, True: 2}
ONCE = {"baseline": (10_000,), "current": ()}
# Warm-up: every agreement at the small sizes, on careers of another seed (never measured).
WARM_UP_SIZES, WARM_UP_PER_SIZE = (1, 10, 100), 12
WARM_UP_CAREERS = len(WARM_UP_SIZES) * WARM_UP_PER_SIZE
TARGET_RATIO, TARGET_LINEARITY, TARGET_10K_S = 20.0, 100.0, 1.0


# --- the worker: runs inside one engine's environment -------------------------------------


def measure(plan: dict[int, int], budget_s: float) -> dict[str, Any]:
    """Time every planned claim; the figures of one engine as plain JSON data."""
    import coordina

    started = time.perf_counter()
    coordina.library()
    result: dict[str, Any] = {
        "coordina_file": coordina.__file__,
        "python": platform.python_version(),
        "library_load_s": time.perf_counter() - started,
        "warm_up_errors": 0,
        "sizes": {},
    }
    for size in WARM_UP_SIZES:
        for case in careers.batch(size, WARM_UP_PER_SIZE, seed=1):
            result["warm_up_errors"] += claim(coordina.compute, case) is not None
    for size, count in sorted(plan.items()):
        print(f"  {size} periods: {count} careers", file=sys.stderr, flush=True)
        result["sizes"][str(size)] = measure_size(coordina.compute, careers.batch(size, count), budget_s)
    return result


def measure_size(compute: Any, cases: list[dict[str, Any]], budget_s: float) -> dict[str, Any]:
    """Per claim: CPU and wall seconds, whether it was decided, the error if not."""
    gc.collect()
    rows: list[dict[str, Any]] = []
    spent = 0.0
    for index, case in enumerate(cases):
        if rows and spent > budget_s:
            break
        cpu, wall = time.process_time(), time.perf_counter()
        error = claim(compute, case)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        spent += cpu
        rows.append(
            {
                "index": index,
                "agreement": case["agreement"],
                "digest": hashlib.sha256(json.dumps(case, sort_keys=True).encode()).hexdigest()[:12],
                "cpu_s": cpu,
                "wall_s": wall,
                "error": error,
            }
        )
    return {"planned": len(cases), "claims": rows}


def claim(compute: Any, case: dict[str, Any]) -> str | None:
    """Decide one case; the error as text if the engine fails on it."""
    try:
        compute(case, case["agreement"])
    except Exception as error:  # the engine under rewrite may fail: count it, go on
        return f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
    return None


# --- the baseline environment --------------------------------------------------------------


def uv_command() -> list[str]:
    found = shutil.which("uv")
    return [found] if found else [sys.executable, "-m", "uv"]


def ensure_baseline() -> Path:
    """The baseline's Python: worktree of b3a2513 and its locked, non-editable install."""
    python = BASELINE_VENV / "bin" / "python"
    if not (BASELINE_SRC / "pyproject.toml").exists():
        print(f"creating the worktree {BASELINE_SRC} at {BASELINE_COMMIT}", file=sys.stderr)
        subprocess.run(["git", "worktree", "add", "--detach", str(BASELINE_SRC), BASELINE_COMMIT], cwd=ROOT, check=True)
    if not python.exists():
        print(f"installing the baseline into {BASELINE_VENV}", file=sys.stderr)
        interpreter = os.path.realpath(sys.executable)  # the same Python as the current engine's
        subprocess.run(
            [*uv_command(), "sync", "--locked", "--no-dev", "--no-editable", "--python", interpreter],
            cwd=BASELINE_SRC,
            env={**os.environ, "UV_PROJECT_ENVIRONMENT": str(BASELINE_VENV)},
            check=True,
        )
    return python


def run_worker(name: str, python: Path, plan: dict[int, int], budget_s: float, home: Path) -> dict[str, Any] | None:
    """One engine's figures, from its own process; None (with its error shown) if it failed."""
    print(f"{name}: {python}", file=sys.stderr, flush=True)
    plan_json = json.dumps({str(size): count for size, count in plan.items()})
    command = [str(python), "-E", "-s", __file__, "--worker", plan_json, "--budget", str(budget_s)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print(f"{name}: the worker failed (exit {done.returncode}), no figures", file=sys.stderr)
        return None
    figures: dict[str, Any] = json.loads(done.stdout)
    if not Path(figures["coordina_file"]).resolve().is_relative_to(home):
        raise SystemExit(f"{name}: imported {figures['coordina_file']}, not a package under {home}")
    return figures


def best_of(runs: list[dict[str, Any] | None]) -> dict[str, Any] | None:
    """One engine's figures over its runs: per size, each claim's lowest CPU and wall time."""
    done = [r for r in runs if r is not None]
    if not done:
        return None
    merged: dict[str, Any] = {**done[0], "sizes": {}}
    for run in done:
        for size, figures in run["sizes"].items():
            known = merged["sizes"].setdefault(size, {"planned": figures["planned"], "claims": []})
            by_index = {row["index"]: row for row in known["claims"]}
            for row in figures["claims"]:
                best = by_index.get(row["index"])
                if best is None:
                    by_index[row["index"]] = dict(row)
                elif row["error"] is None and (best["error"] is not None or row["cpu_s"] < best["cpu_s"]):
                    by_index[row["index"]] = {**row, "wall_s": min(row["wall_s"], best["wall_s"])}
            known["claims"] = [by_index[i] for i in sorted(by_index)]
    return merged


# --- the report ----------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def decided(figures: dict[str, Any] | None, size: int) -> list[dict[str, Any]]:
    if figures is None or str(size) not in figures["sizes"]:
        return []
    return [row for row in figures["sizes"][str(size)]["claims"] if row["error"] is None]


def row_for(size: int, base: dict[str, Any] | None, cur: dict[str, Any] | None) -> dict[str, Any]:
    """One size: throughput and percentiles of each engine, ratio over the careers both decided."""
    row: dict[str, Any] = {"periods": size}
    for name, figures in (("baseline", base), ("current", cur)):
        ok = decided(figures, size)
        row[f"{name}_careers"] = len(ok)
        cpu = sum(r["cpu_s"] for r in ok)
        row[f"{name}_careers_per_cpu_s"] = len(ok) / cpu if cpu else None
        walls = [r["wall_s"] for r in ok]
        row[f"{name}_p50_s"] = percentile(walls, 0.5) if walls else None
        row[f"{name}_p99_s"] = percentile(walls, 0.99) if walls else None
    base_ok = {r["digest"]: r["cpu_s"] for r in decided(base, size)}
    common = [(base_ok[r["digest"]], r["cpu_s"]) for r in decided(cur, size) if r["digest"] in base_ok]
    row["ratio_careers"] = len(common)
    row["ratio"] = sum(b for b, _ in common) / sum(c for _, c in common) if common else None
    return row


def linearity(cur: dict[str, Any] | None) -> float | None:
    """Mean CPU per claim at 10,000 periods over that at 100, for the same agreements."""
    big = decided(cur, 10_000)
    agreements = {r["agreement"] for r in big}
    small = [r for r in decided(cur, 100) if r["agreement"] in agreements]
    if not big or not small:
        return None
    return (sum(r["cpu_s"] for r in big) / len(big)) / (sum(r["cpu_s"] for r in small) / len(small))


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.3g} ms"


def number(value: float | None, suffix: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:.2g}{suffix}" if value < 1 else f"{value:,.1f}{suffix}" if value < 100 else f"{value:,.0f}{suffix}"


def errors_of(name: str, figures: dict[str, Any] | None) -> list[str]:
    """The errors of one engine: count per size, then each distinct message with its count."""
    if figures is None:
        return [f"{name}: no figures (the worker failed)"]
    lines, messages = [], {}
    for size, measured in figures["sizes"].items():
        failed = [r for r in measured["claims"] if r["error"] is not None]
        if failed:
            lines.append(f"{name}: {len(failed)} of {len(measured['claims'])} claims failed at {size} periods")
        for r in failed:
            messages[r["error"]] = messages.get(r["error"], 0) + 1
    if figures["warm_up_errors"]:
        lines.append(f"{name}: {figures['warm_up_errors']} of {WARM_UP_CAREERS} warm-up claims failed")
    lines += [f"  {count} × {message}" for message, count in sorted(messages.items(), key=lambda m: -m[1])[:8]]
    return lines or [f"{name}: every claim decided, no errors"]


def report(rows: list[dict[str, Any]], base: Any, cur: Any, quick: bool, header: str) -> list[str]:
    columns = ["periods", "careers b/c", "base careers/CPU-s", "cur careers/CPU-s", "ratio"]
    columns += ["base p50", "base p99", "cur p50", "cur p99"]
    table = [columns]
    for r in rows:
        capped = r["ratio_careers"] < r["current_careers"]
        table.append(
            [
                f"{r['periods']:,}",
                f"{r['baseline_careers']}/{r['current_careers']}",
                number(r["baseline_careers_per_cpu_s"]),
                number(r["current_careers_per_cpu_s"]),
                number(r["ratio"], "x") + ("*" if capped and r["ratio"] is not None else ""),
                *(seconds(r[key]) for key in ("baseline_p50_s", "baseline_p99_s", "current_p50_s", "current_p99_s")),
            ]
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    lines = [header, ""]
    for n, line in enumerate(table):
        lines.append("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    base_plan, cur_plan = PLANS[("baseline", quick)], PLANS[("current", quick)]
    caps = [f"{base_plan[s]} of {s:,} periods" for s in base_plan if base_plan[s] < cur_plan[s]]
    lines += [
        "",
        "careers b/c: claims decided by the baseline / by the current engine (failed claims are not timed).",
        "ratio: current careers/CPU-s over the baseline's, on the careers both engines decided.",
        f"* baseline capped at {', '.join(caps)}{'; 10,000 skipped (--quick)' if quick else ''}: ratio over",
        f"  those careers only. Every size stops early once an engine spent {CPU_BUDGET_S[quick]:.0f} CPU-s on it.",
    ]
    ratio = linearity(cur)
    big = next(r for r in rows if r["periods"] == 10_000)
    worst = big["current_p99_s"]
    slowest_cpu = max((r["cpu_s"] for r in decided(cur, 10_000)), default=None)
    lines += [
        "",
        f"linearity (current): mean CPU per claim at 10,000 periods / at 100 = {number(ratio, 'x')}"
        f" (target ≤ {TARGET_LINEARITY:.0f}x)",
        f"10,000 periods under {TARGET_10K_S:.0f} s (current, slowest claim): "
        + ("—" if worst is None else f"{'yes' if worst < TARGET_10K_S else 'no'} ({seconds(worst)} wall,")
        + ("" if slowest_cpu is None else f" slowest claim {seconds(slowest_cpu)} CPU)"),
        f"throughput ≥ {TARGET_RATIO:.0f}x the baseline at every size both measured: " + meets_ratio(rows),
        f"throughput over every career both decided, all sizes together: {number(overall_ratio(base, cur), 'x')}"
        " (baseline CPU over current CPU on the same careers)",
        "",
        *errors_of("baseline", base),
        *errors_of("current", cur),
    ]
    return lines


def overall_ratio(base: dict[str, Any] | None, cur: dict[str, Any] | None) -> float | None:
    """Total baseline CPU over total current CPU, on every career both engines decided."""
    pairs = []
    for size in careers.SIZES:
        base_ok = {r["digest"]: r["cpu_s"] for r in decided(base, size)}
        pairs += [(base_ok[r["digest"]], r["cpu_s"]) for r in decided(cur, size) if r["digest"] in base_ok]
    current = sum(c for _, c in pairs)
    return sum(b for b, _ in pairs) / current if current else None


def meets_ratio(rows: list[dict[str, Any]]) -> str:
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    if not ratios:
        return "— (no size decided by both engines)"
    return f"{'yes' if min(ratios) >= TARGET_RATIO else 'no'} (lowest {number(min(ratios), 'x')})"


def describe_checkout() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    dirty = " + uncommitted changes in src/" if git("status", "--porcelain", "--", "src") else ""
    return f"{git('rev-parse', '--short', 'HEAD')}{dirty}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer careers; no baseline at 10,000 periods")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--budget", type=float, default=CPU_BUDGET_S[False], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        plan = {int(size): count for size, count in json.loads(args.worker).items()}
        json.dump(measure(plan, args.budget), sys.stdout)
        return

    budget = CPU_BUDGET_S[args.quick]
    load_before = os.getloadavg()[0]
    base_python = ensure_baseline()
    engines = (("baseline", base_python, BENCH), ("current", CURRENT_PYTHON, ROOT / "src"))
    runs: dict[str, list[dict[str, Any] | None]] = {"baseline": [], "current": []}
    for _ in range(ROUNDS[args.quick]):
        for name, python, home in engines:
            rounds = {k: v for k, v in PLANS[(name, args.quick)].items() if k not in ONCE[name]}
            runs[name].append(run_worker(name, python, rounds, budget / ROUNDS[args.quick], home))
    for name, python, home in engines:
        once = {k: v for k, v in PLANS[(name, args.quick)].items() if k in ONCE[name]}
        if once:
            runs[name].append(run_worker(name, python, once, budget, home))
    base, cur = best_of(runs["baseline"]), best_of(runs["current"])
    rows = [row_for(size, base, cur) for size in careers.SIZES]
    python = (cur or base or {}).get("python", "?")
    header = (
        f"coordina.compute: current checkout ({describe_checkout()}) against baseline {BASELINE_COMMIT},"
        f" same seeded careers, same run{' (--quick)' if args.quick else ''}\n"
        f"Python {python}, {os.cpu_count()} CPUs, load average {load_before:.1f} before and"
        f" {os.getloadavg()[0]:.1f} after (other processes slow the wall times, less the CPU times)\n"
        "careers/CPU-s: decided claims per second of process CPU time; p50/p99: wall time per claim;\n"
        f"best of {ROUNDS[args.quick]} alternating rounds per claim (the baseline's 10,000 periods: one run)"
    )
    lines = report(rows, base, cur, args.quick, header)
    print("\n".join(lines))
    if args.json:
        summary = {"linearity": linearity(cur), "rows": rows, "quick": args.quick, "header": header}
        figures = {"summary": summary, "baseline": base, "current": cur}
        args.json.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
