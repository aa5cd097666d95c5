"""The batch kernel's throughput and memory (issue 13 item 6), against the scalar engine and the
floor, measured in the same run on the same populations.

Usage, from the repository root::

    .venv/bin/python benchmarks/batch.py [--sizes 100000,1000000,10000000] [--quick]
        [--agreement in-de] [--partition-size 50000] [--sample 2000] [--budget 600]
        [--data DIR] [--tile] [--json FILE]

For each size, a population is drawn in this run (``batch_careers.draw``: blocks of 10,000
people on every core, written block by block into one Parquet file in a temporary directory, or
kept and reused in ``--data DIR``), every person claiming an old-age pension the agreement covers
(``batch_careers.claims``). Then four stages, each in a child process of its own so that its peak
resident memory (``ru_maxrss``) is its own:

a. scalar: the scalar engine (``kernel.decide(..., vectorise=False)``: each person's case built
   and decided by ``rules.engine.compute``) over the first ``--sample`` people;
b. kernel: ``kernel.decide`` over every partition of ``--partition-size`` people, each read from
   the Parquet file alone (``pl.scan_parquet`` filtered on the person range), one partition per
   core in flight in threads of the one process (``services.partition_pool``, as ``coordina
   simulate --engine local`` runs them);
c. dask: the same partitions on a Dask LocalCluster of one worker per core
   (``services.simulation_dask.map_partitions``, as ``coordina simulate --engine dask`` runs;
   cluster start and close included); peak memory: the client's and the largest worker's;
d. floor: the same partitions read and their periods grouped by person, with no rules.

A stage stops after the partition that takes it past ``--budget`` seconds (the kernel, still
falling back to the scalar engine for most people, would take hours at 10^7): its figures are then
over the careers it decided, marked ``partial``; the Dask stage runs the partitions the kernel
stage finished, so both decide the same careers. Careers per second are over wall time, setup
(loading the library) excepted. The ratios ``b/a`` (the kernel over the scalar engine, target at
least 100) and ``d/b`` (the floor over the kernel, target at most 5) compare careers per second.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import batch_careers

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("scalar", "kernel", "dask", "floor")
SIZES = (100_000, 1_000_000, 10_000_000)
QUICK = {"sizes": (20_000,), "partition_size": 5_000, "sample": 200, "budget": 120.0}
TARGET_KERNEL_OVER_SCALAR, TARGET_FLOOR_OVER_KERNEL = 100.0, 5.0


# --- one stage, in its own process ---------------------------------------------------------


def stage(name: str, path: Path, agreement_id: str, partition_size: int, sample: int, budget: float,
          limit: int | None) -> dict[str, Any]:  # fmt: skip
    """Run one stage; its figures as plain JSON data."""
    from coordina.batch.kernel import decide
    from coordina.services import catalog, partition_pool, simulation_dask

    library = catalog.library()
    agreement = library.agreements[agreement_id]
    parts = batch_careers.partitions(path, partition_size)
    planned = len(parts)
    parts = parts[:limit] if limit is not None else parts
    prepared = (str(path), agreement, library.schemes)
    done: list[dict[str, int]] = []
    started, cpu = time.perf_counter(), time.process_time()
    if name == "scalar":
        periods = batch_careers.read(path, 0, sample - 1)
        result = decide(periods, batch_careers.claims(periods, agreement.in_force), agreement, library.schemes,
                        vectorise=False)  # fmt: skip
        done.append({"careers": result.persons.height, "fallback": result.fallback, "rows": periods.height})
    elif name == "dask":
        done = simulation_dask.map_partitions(batch_careers.kernel_pass, prepared, parts)
        seconds = time.perf_counter() - started
        empty = time.perf_counter()  # the cluster's start and close alone: the same call on one empty partition
        simulation_dask.map_partitions(batch_careers.kernel_pass, prepared, [batch_careers.Part(0, -2, -1)])
        overhead = time.perf_counter() - empty
    elif name == "kernel":  # a partition per core in threads, as ``coordina simulate --engine local``
        within = lambda: time.perf_counter() - started <= budget  # noqa: E731
        done = [r for _, r in partition_pool.as_done(lambda p: batch_careers.kernel_pass(prepared, p), parts,
                                                     before_each=within)]  # fmt: skip
    else:
        for part in parts:
            done.append(batch_careers.floor_pass(path, part))
            if time.perf_counter() - started > budget:
                break
    if name != "dask":
        seconds, overhead = time.perf_counter() - started, 0.0
    return {
        "stage": name,
        "careers": sum(d["careers"] for d in done),
        "fallback": sum(d["fallback"] for d in done),
        "periods": sum(d["rows"] for d in done),
        "partitions": len(done) if name != "scalar" else 0,
        "planned_partitions": planned,
        "partial": name in ("kernel", "floor") and len(done) < planned,
        "seconds": seconds,
        "cluster_seconds": overhead,
        "cpu_seconds": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "workers": simulation_dask.workers() if name == "dask" else 1,
    }


def run_stage(name: str, path: Path, args: argparse.Namespace, limit: int | None = None) -> dict[str, Any] | None:
    """One stage's figures, from a child process; None (its error shown) if it failed."""
    command = [sys.executable, __file__, "--stage", name, "--population", str(path), "--agreement", args.agreement,
               "--partition-size", str(args.partition_size), "--sample", str(args.sample),
               "--budget", str(args.budget)] + (["--limit", str(limit)] if limit is not None else [])  # fmt: skip
    print(f"  {name} …", file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print(f"  {name}: the stage failed (exit {done.returncode}), no figures", file=sys.stderr)
        return None
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


# --- the report ----------------------------------------------------------------------------


def rate(figures: dict[str, Any] | None) -> float | None:
    if figures is None or not figures["careers"] or not figures["seconds"]:
        return None
    return float(figures["careers"]) / float(figures["seconds"])


def number(value: float | None, suffix: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:.2g}{suffix}" if value < 10 else f"{value:,.0f}{suffix}"


def table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return [lines[0], "  ".join("-" * w for w in widths), *lines[1:]]


def report(results: list[dict[str, Any]], header: str) -> list[str]:
    stage_rows = [["people", "stage", "careers", "seconds", "careers/s", "peak MB", "fallback", "note"]]
    ratio_rows = [
        ["people", "drawn in", "b/a kernel/scalar", "c/b dask/kernel", "(cluster start aside)", "d/b floor/kernel"]
    ]
    for result in results:
        people, stages = result["people"], result["stages"]
        for name, letter in zip(STAGES, "abcd", strict=True):
            f = stages.get(name)
            if f is None:
                stage_rows.append([f"{people:,}", f"{letter} {name}", "—", "—", "—", "—", "—", "failed"])
                continue
            note = f"{f['partitions']}/{f['planned_partitions']} partitions (budget)" if f["partial"] else ""
            if name == "scalar":
                note = f"first {f['careers']:,} people"
            if name == "dask":
                note = (f"{f['workers']} workers, largest worker {f['children_peak_mb']:,.0f} MB;"
                        f" {f['cluster_seconds']:.0f} s to start and close")  # fmt: skip
            stage_rows.append([f"{people:,}", f"{letter} {name}", f"{f['careers']:,}", f"{f['seconds']:,.1f}",
                               number(rate(f)), f"{f['peak_mb']:,.0f}", f"{f['fallback']:,}", note])  # fmt: skip
        a, b, c, d = (rate(stages.get(name)) for name in STAGES)
        warm = stages.get("dask")
        c_warm = (warm["careers"] / (warm["seconds"] - warm["cluster_seconds"])
                  if warm and warm["seconds"] > warm["cluster_seconds"] else None)  # fmt: skip
        ratio_rows.append([f"{people:,}", f"{result['drawn']['seconds']:,.0f} s",
                           number(b / a if a and b else None, "x"), number(c / b if b and c else None, "x"),
                           number(c_warm / b if b and c_warm else None, "x"),
                           number(d / b if b and d else None, "x")])  # fmt: skip
    return [header, "", *table(stage_rows), "", *table(ratio_rows), "", *targets(results)]


def targets(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for result in results:
        a, b, _, d = (rate(result["stages"].get(name)) for name in STAGES)
        over = f"{b / a:.2g}x" if a and b else "—"
        floor = f"{d / b:.2g}x" if b and d else "—"
        lines.append(f"{result['people']:,} people: kernel ≥ {TARGET_KERNEL_OVER_SCALAR:.0f}x the scalar engine: "
                     f"{'yes' if a and b and b / a >= TARGET_KERNEL_OVER_SCALAR else 'no'} ({over}); within "
                     f"{TARGET_FLOOR_OVER_KERNEL:.0f}x of the floor: "
                     f"{'yes' if b and d and d / b <= TARGET_FLOOR_OVER_KERNEL else 'no'} ({floor})")  # fmt: skip
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="people per population, comma-separated (default 100000,1000000,10000000)")
    parser.add_argument("--quick", action="store_true", help="one population of 20,000 people, a small run")
    parser.add_argument("--agreement", default="in-de")
    parser.add_argument("--partition-size", type=int, help="people per partition (default 50,000)")
    parser.add_argument("--sample", type=int, help="people the scalar engine decides (default 2,000)")
    parser.add_argument("--budget", type=float, help="seconds after which a stage stops (default 600)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="keep the populations here and reuse them (default: a temp dir)")
    parser.add_argument("--tile", action="store_true", help="draw 100,000 people and repeat them up to the size")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--population", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    defaults = QUICK if args.quick else {"sizes": SIZES, "partition_size": 50_000, "sample": 2_000, "budget": 600.0}
    for name in ("partition_size", "sample", "budget"):
        if getattr(args, name) is None:
            setattr(args, name, defaults[name])
    if args.stage:
        figures = stage(args.stage, args.population, args.agreement, args.partition_size, args.sample, args.budget,
                        args.limit)  # fmt: skip
        json.dump(figures, sys.stdout)
        return
    sizes = [int(float(s)) for s in args.sizes.split(",")] if args.sizes else list(defaults["sizes"])
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="coordina-batch-") as temporary:
        directory = args.data or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        results = [measure(size, directory, args) for size in sizes]
    header = (
        f"coordina.batch.kernel.decide ({describe_checkout()}) on {args.agreement} populations drawn in this run"
        f"{' (tiled from 100,000 people)' if args.tile else ''}, partitions of {args.partition_size:,} people,"
        f" stage budget {args.budget:.0f} s{' (--quick)' if args.quick else ''}\n"
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load_before:.1f} before and"
        f" {os.getloadavg()[0]:.1f} after; careers/s over wall time; peak MB: the stage process's ru_maxrss"
    )
    print("\n".join(report(results, header)))
    if args.json:
        args.json.write_text(json.dumps({"header": header, "results": results}, indent=1) + "\n")


def describe_checkout() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    dirty = " + uncommitted changes in src/" if git("status", "--porcelain", "--", "src") else ""
    return f"{git('rev-parse', '--short', 'HEAD')}{dirty}"


def measure(size: int, directory: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Draw one population and run the four stages on it."""
    path = batch_careers.population_file(directory, args.agreement, size, args.seed, args.tile)
    print(f"{size:,} people: drawing {path.name} …", file=sys.stderr, flush=True)
    drawn = batch_careers.draw(args.agreement, size, args.seed, path, args.tile, processes=os.cpu_count() or 1)
    print(f"  {drawn['rows']:,} periods in {drawn['seconds']:.0f} s", file=sys.stderr, flush=True)
    stages: dict[str, Any] = {}
    for name in ("scalar", "kernel", "floor"):
        stages[name] = run_stage(name, path, args)
    kernel = stages["kernel"]
    limit = kernel["partitions"] if kernel is not None and kernel["partial"] else None
    stages["dask"] = run_stage("dask", path, args, limit)
    return {"people": size, "drawn": drawn, "stages": {k: v for k, v in stages.items() if v is not None}}


if __name__ == "__main__":
    main()
