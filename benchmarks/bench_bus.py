"""How long a day of 1,000 orders takes through each style of lesson 06's fair lab.

Run: .venv/bin/python benchmarks/bench_bus.py   (or `make bench`). The target is
under 1 s per style (issue 6); this is a measurement printed for people, not a
unit test. Wall-clock time suffers on a loaded machine, so CPU time is printed too.
"""

from __future__ import annotations

import time

from lessonlib.labs import LAB_DAY, STYLES, run_day

ORDERS = 1000


def best_of(style: str, repeats: int = 5) -> tuple[float, float, dict, int]:
    wall = cpu = float("inf")
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        sim = run_day(style, orders=ORDERS, settings=LAB_DAY, seed=1)
        counts = sim.counts()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, counts, len(sim.trace)


def main() -> None:
    for style in STYLES:
        wall, cpu, counts, records = best_of(style)
        print(f"bus: {ORDERS} orders, {style}, the lab's day: {wall:.3f} s ({cpu:.3f} s CPU; "
              f"best of 5; {records} trace records; {counts})")


if __name__ == "__main__":
    main()
