"""How long 1,000 orders take through the orchestrated process, with failures.

Run: .venv/bin/python benchmarks/bench_bus.py   (or `make bench`). The target is
under 1 s (issue 6); this is a measurement printed for people, not a unit test.
"""

from __future__ import annotations

import time

from lessonlib.simulate import order_fulfilment_chain, order_fulfilment_engine

ORDERS = 1000
SETTINGS = {"Shipping": {"failure_rate": 0.05, "slow_rate": 0.1},
            "Payment": {"failure_rate": 0.02}}


def best_of(build, repeats: int = 5) -> tuple[float, dict, int]:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        sim = build(seed=1, settings=SETTINGS)
        sim.place_orders(ORDERS)
        trace = sim.run()
        best = min(best, time.perf_counter() - start)
    return best, sim.counts(), len(trace)


def main() -> None:
    for label, build in (("orchestrated (engine in Order)", order_fulfilment_engine),
                         ("choreographed (event chain)", order_fulfilment_chain)):
        seconds, counts, records = best_of(build)
        print(f"bus: {ORDERS} orders, {label}, with failures: {seconds:.3f} s "
              f"(best of 5; {records} trace records; {counts})")


if __name__ == "__main__":
    main()
