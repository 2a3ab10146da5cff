"""Does the impact engine scale linearly? Timings at 1,000, 10,000 and 100,000 services.

Run: ``.venv/bin/python benchmarks/bench_scaling.py [SIZES...]`` (or ``make bench``).
For each operation it prints the best of a few runs at each size and the ratio
of the 10,000-service time to the 1,000-service time: about 10 means linear,
about 100 quadratic. A measurement printed for people, not a test (a busy
machine never fails the build; tests/test_scaling.py checks the shape with
operation counts instead).

Two generated models, the same on every run:

* an **event chain** of n services: S0 emits E0, S1 reacts and emits E1, ...;
* an **owned process** of n services: Order commands each of n - 1 services in
  turn and waits for its reply, all in one process it owns.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lessonlib.architecture import Architecture  # noqa: E402
from lessonlib.change_impact import impact  # noqa: E402
from lessonlib.changes import insert_step, reorder, where_is_the_process  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
#: A size is skipped once one run of an operation took longer than this.
BUDGET = 20.0


def event_chain(n: int) -> Architecture:
    names = [f"S{i}" for i in range(n)]
    arch = Architecture(f"Chain of {n}", services=names)
    for i, name in enumerate(names):
        arch.add_event(f"E{i}", emitter=name, subscribers=names[i + 1:i + 2])
    return arch


def owned_process(n: int) -> Architecture:
    names = [f"S{i}" for i in range(1, n)]
    arch = Architecture(f"Owned process of {n}", services=["Order", *names])
    steps = []
    for i, name in enumerate(names, start=1):
        arch.add_command(f"C{i}", sender="Order", receiver=name)
        arch.add_event(f"D{i}", emitter=name, subscribers=["Order"])
        steps += [f"C{i}", f"D{i}"]
    arch.add_process("Fulfilment", owner="Order", steps=steps)
    return arch


def operations(n: int) -> dict[str, callable]:
    chain, owned = event_chain(n), owned_process(n)
    mid = f"S{n // 2}"
    nxt = f"S{n // 2 + 1}"
    chain_swapped = reorder(chain, mid, nxt)
    owned_inserted = insert_step(owned, "Fraud check", after=mid, command="CheckFraud",
                                 event="FraudChecked")
    return {
        "where_is_the_process (event chain)": lambda: where_is_the_process(chain),
        "where_is_the_process (owned process)": lambda: where_is_the_process(owned),
        "reorder (event chain)": lambda: reorder(chain, mid, nxt),
        "reorder (owned process)": lambda: reorder(owned, mid, nxt),
        "insert_step (event chain)": lambda: insert_step(chain, "Fraud check", after=mid,
                                                         event="FraudChecked"),
        "insert_step (owned process)": lambda: insert_step(owned, "Fraud check", after=mid,
                                                           command="CheckFraud",
                                                           event="FraudChecked"),
        "impact after reorder (event chain)": lambda: impact(chain, chain_swapped),
        "impact after insert_step (owned process)": lambda: impact(owned, owned_inserted),
    }


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
        if best > BUDGET:
            break
    return best


def main(argv: list[str]) -> None:
    sizes = tuple(int(a) for a in argv) or SIZES
    table: dict[str, dict[int, float | None]] = {}
    too_slow: set[str] = set()
    for n in sizes:
        start = time.perf_counter()
        ops = operations(n)
        print(f"scaling: models of {n:,} services built in {time.perf_counter() - start:.1f} s",
              flush=True)
        for label, fn in ops.items():
            if label in too_slow:
                table.setdefault(label, {})[n] = None
                continue
            seconds = best_of(fn, repeat=5 if n <= 10_000 else 2)
            table.setdefault(label, {})[n] = seconds
            if seconds > BUDGET / 10:
                too_slow.add(label)  # the next size would take too long to wait for
    width = max(map(len, table))
    head = "".join(f"{n:>12,}" for n in sizes)
    print(f"scaling: best time in ms per operation\n  {'operation':<{width}}{head}   10k/1k")
    for label, row in table.items():
        cells = "".join(f"{row[n] * 1000:>12.1f}" if row.get(n) is not None else f"{'skipped':>12}"
                        for n in sizes)
        ratio = ""
        if row.get(1_000) and row.get(10_000):
            ratio = f"{row[10_000] / row[1_000]:8.1f}"
        print(f"  {label:<{width}}{cells}   {ratio}")
    print("  (ratio about 10: linear; about 100: quadratic. 'skipped': the size before took "
          f"over {BUDGET / 10:g} s.)")


if __name__ == "__main__":
    main(sys.argv[1:])
