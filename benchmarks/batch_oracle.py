"""The batch kernel against its oracle at benchmark scale (issue 13 item 1): a seeded population
of 100,000 people across the six bundled agreements, each person decided by the kernel and by the
scalar engine, every field of ``coordina compute --json`` (trace and reasons excepted) compared
person by person. Prints, per agreement, the people, the kernel's fallbacks, the people whose
decisions differ (the target is none), and the time of each with their ratio, measured in the
same run.

Usage, from the repository root::

    .venv/bin/python benchmarks/batch_oracle.py [--people 100000] [--seed 13] [--json FILE]

Claims fall on the first day of a month drawn between 1985 and 2045 (before and after entry into
force, before and after pension ages), as in tests/batch/.
"""

import argparse
import json
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ("in-de", "au-kr", "ca-nl", "fr-tn", "ar-cl", "mercosur")
KEYS = {"persons": ["person"], "decisions": ["person", "scheme"], "legislation": ["person", "start", "end"]}


def claims(table: pl.DataFrame, seed: int) -> pl.DataFrame:
    rng = random.Random(seed)
    people = table.get_column("person").unique().sort().to_list()
    days = [date(rng.randint(1985, 2045), rng.randint(1, 12), 1) for _ in people]
    return pl.DataFrame(
        {"person": people, "branch": ["old_age"] * len(people), "claim_date": days},
        schema={"person": pl.Int64, "branch": pl.Utf8, "claim_date": pl.Date},
    )


def differing(kernel: Any, oracle: Any) -> set[int]:
    """The people with any field that differs, in any of the three tables."""
    people: set[int] = set()
    for name in KEYS:
        mine, theirs = getattr(kernel, name), getattr(oracle, name)
        if name == "persons":
            mine, theirs = mine.drop("vectorised"), theirs.drop("vectorised")
        only_mine = mine.join(theirs, on=mine.columns, how="anti", nulls_equal=True)
        only_theirs = theirs.join(mine, on=theirs.columns, how="anti", nulls_equal=True)
        people |= set(only_mine.get_column("person").to_list()) | set(only_theirs.get_column("person").to_list())
    return people


def run(people: int, seed: int) -> list[dict[str, Any]]:
    from coordina.batch.kernel import decide
    from coordina.services import catalog, populations
    from coordina.services.compute import earlier_texts

    library = catalog.library()
    rows = []
    for number, agreement_id in enumerate(AGREEMENTS):
        size = people // len(AGREEMENTS) + (people % len(AGREEMENTS) if number == 0 else 0)
        table = populations.population(agreement_id, size, seed)
        asked = claims(table, seed)
        agreement = library.agreements[agreement_id]
        earlier = earlier_texts(agreement, library)
        start = time.perf_counter()
        kernel = decide(table, asked, agreement, library.schemes, earlier)
        middle = time.perf_counter()
        oracle = decide(table, asked, agreement, library.schemes, earlier, vectorise=False)
        end = time.perf_counter()
        rows.append({
            "agreement": agreement_id, "people": size, "fallback": kernel.fallback,
            "fallback_reasons": dict(kernel.fallback_reasons), "differing": len(differing(kernel, oracle)),
            "kernel_s": round(middle - start, 2), "scalar_s": round(end - middle, 2),
            "scalar_over_kernel": round((end - middle) / (middle - start), 1),
        })  # fmt: skip
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = run(args.people, args.seed)
    print(f"{'agreement':<10} {'people':>8} {'fallback':>8} {'differing':>9} {'kernel s':>9} {'scalar s':>9} "
          f"{'scalar/kernel':>13}")  # fmt: skip
    for r in rows:
        print(f"{r['agreement']:<10} {r['people']:>8} {r['fallback']:>8} {r['differing']:>9} {r['kernel_s']:>9} "
              f"{r['scalar_s']:>9} {r['scalar_over_kernel']:>13}")  # fmt: skip
    total = {k: sum(r[k] for r in rows) for k in ("people", "fallback", "differing", "kernel_s", "scalar_s")}
    ratio = total["scalar_s"] / total["kernel_s"]
    print(f"{'all':<10} {total['people']:>8} {total['fallback']:>8} {total['differing']:>9} "
          f"{total['kernel_s']:>9.1f} {total['scalar_s']:>9.1f} {ratio:>13.1f}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
