"""Lesson 07's catalogue run on the bus, costumes and all: runtime evidence for the detector."""

from __future__ import annotations

from lessonlib.engine import Engine
from lessonlib.scenarios import costume_catalogue
from lessonlib.simulate.from_model import on_the_bus, workflow_of
from lessonlib.simulate.simulation import check_orders
from lessonlib.trace import Trace

__all__ = ["costume_trace"]


def costume_trace(customers: int = 3, *, seed: int = 0, failing: str = "Address check",
                  failure_rate: float = 0.0) -> Trace:
    """Run lesson 07's catalogue (its shop and onboarding) on the bus; return the trace.

    Each of ``customers`` places an order and registers. The Order and the
    Onboarding services run their processes in their engines, costumes and all
    (an engine waits for both checks before it goes on). ``failing`` (a service)
    fails on a share ``failure_rate`` of its messages, seeded, so a run is
    reproducible. Pass the trace to :func:`~lessonlib.disguise.detect` for runtime
    evidence. Introduced in ``07_commands_in_disguise.ipynb``.

    >>> trace = costume_trace(2)
    >>> len(trace.correlations())
    4
    """
    customers = check_orders(customers, "The number of customers", most=1000)
    catalogue = costume_catalogue()
    failing = catalogue.service(failing)
    settings = {s: {"duration": 1.0} for s in catalogue.services}
    settings[failing]["failure_rate"] = failure_rate
    owners = [p.owner for p in catalogue.processes]
    bus = on_the_bus(catalogue, seed=seed, settings=settings, engines=owners)
    for process in catalogue.processes:
        Engine(bus, process.owner).deploy(workflow_of(catalogue, process.name))
    for n in range(1, customers + 1):
        bus.publish("OrderPlaced", sender="Checkout", correlation=f"order-{n}")
        bus.publish("RegistrationRequested", sender="Website", correlation=f"customer-{n}")
    return bus.run()
