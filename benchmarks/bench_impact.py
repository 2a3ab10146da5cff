"""How long does counting a change take on a 1,000-service architecture?

Run: ``.venv/bin/python benchmarks/bench_impact.py`` (or ``make bench``). Prints
the timings; it is not a test, so a busy machine never fails the build. The
issue's target: well under 0.1 s for impact() on 1,000 services.

The architecture is generated, the same on every run: services S0000..S0999,
each emitting one event; a chain of subscriptions links them in order, every
tenth service also owns a small process that commands the next three, and every
event has two more subscribers further along. The change touches a handful of
services (new subscriptions, a renamed event, a new service, a reordered process).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lessonlib.architecture import Architecture  # noqa: E402
from lessonlib.change_impact import impact  # noqa: E402
from lessonlib.changes import reorder  # noqa: E402

N = 1000


def generate(n: int = N, seed: int = 7) -> Architecture:
    rng = random.Random(seed)
    names = [f"S{i:04d}" for i in range(n)]
    arch = Architecture(f"Generated, {n} services", services=names)
    for i, name in enumerate(names):
        later = names[i + 1:]
        subscribers = ([later[0]] if later else []) + rng.sample(later[1:], min(2, max(len(later) - 1, 0)))
        arch.add_event(f"E{i:04d}Happened", emitter=name, subscribers=subscribers)
    for i in range(0, n - 3, 10):
        owner = names[i]
        steps = []
        for k in (1, 2, 3):
            command = f"C{i:04d}To{k}"
            arch.add_command(command, sender=owner, receiver=names[i + k])
            steps.append(command)
        arch.add_process(f"P{i:04d}", owner=owner, steps=steps)
    return arch


def change(before: Architecture) -> Architecture:
    after = before.copy()
    after.add_service("Newcomer")
    after.subscribe("Newcomer", "E0500Happened")
    after.rename_message("E0100Happened", "E0100Done")
    after.subscribe("S0999", "E0000Happened")
    return reorder(after, "S0011", "S0012", process="P0010")


def best_and_median(fn, repeat: int = 15) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    start = time.perf_counter()
    before = generate()
    built = time.perf_counter() - start
    after = change(before)
    result = impact(before, after)
    print(f"bench_impact: {len(before.services)} services, {len(before.messages)} messages, "
          f"{len(before.links())} links, {len(before.processes)} processes "
          f"(generated in {built:.2f} s)")
    print(f"  the change: {result.counts()}")
    best, median = best_and_median(lambda: impact(before, after))
    print(f"  impact(before, after): best {best * 1000:.1f} ms, median {median * 1000:.1f} ms "
          f"(target: well under 100 ms)")
    chain = Architecture("chain", services=[f"S{i:04d}" for i in range(N)])
    for i in range(N):
        chain.add_event(f"E{i:04d}", emitter=f"S{i:04d}",
                        subscribers=[f"S{i + 1:04d}"] if i + 1 < N else [])
    best, median = best_and_median(lambda: impact(chain, reorder(chain, "S0400", "S0401")),
                                   repeat=5)
    print(f"  reorder + impact on a {N}-service event chain: best {best * 1000:.1f} ms, "
          f"median {median * 1000:.1f} ms")


if __name__ == "__main__":
    main()
