"""Who owns a process, and where its engine runs: three placements, judged by one standard.

Introduced in ``05_track_then_manage.ipynb``. "Orchestration" is often heard as one
central box. Bernd Ruecker's 2018 cheat sheet keeps two things apart: a central *god
service* that owns every process, and a central *engine* that runs process models each
team owns and deploys ("a much more important question than where the engine runs is
about ownership"). The course models three placements of the same two processes (order
fulfilment, owned by the Order service; onboarding with its checks commanded, owned by
the Onboarding service):

* ``"local engines"``: each process runs in an engine inside the service that owns it;
* ``"central engine"``: one engine runs both process models; each model is still owned,
  changed and deployed by its own team;
* ``"god service"``: one Orchestrator service owns and runs every process.

Two questions, one standard for both:

* **what changes when one process changes** (:func:`placement_changes`, by ``impact`` on the
  ownership model): the owning team, or one central team for every process;
* **what an outage stops** (:func:`outage_lab`, on the bus): the broker, and whatever runs
  the processes (a service with its engine, the central engine, the god service). A broker
  and an engine are both infrastructure every process on them needs; both are run highly
  available in production, and an outage of either stops what runs on it.
"""

from __future__ import annotations

from collections.abc import Mapping

from lessonlib.architecture import Architecture
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import insert_step, reorder
from lessonlib.engine import Engine
from lessonlib.errors import LessonTypeError, choose, shown
from lessonlib.journey import checks_commanded
from lessonlib.prose import Sentences, and_list
from lessonlib.scenarios import CANCEL_REGISTRATION, ONBOARDING_CHECKS, centralised, together
from lessonlib.simulate import COMPLETED, Simulation, on_the_bus, shop, workflow_of
from lessonlib.simulate.simulation import ORDERS, REGISTRATIONS, check_orders
from lessonlib.simulate.systems import (
    ONBOARDING_TIME_FRAME,
    SHIPPING_TIME_FRAME,
    SHOP,
    settings_of,
)
from lessonlib.styles import ORCHESTRATION

__all__ = ["PLACEMENTS", "LOCAL", "CENTRAL", "GOD", "OUTAGES", "BROKER", "RUNNER", "ENGINE",
           "GOD_SERVICE", "OUTAGE_PLACED", "ownership",
           "hosting_model", "placement_day", "outage_lab", "outage_table", "placement_changes",
           "placement_changes_text", "one_standard"]

LOCAL, CENTRAL, GOD = "local engines", "central engine", "god service"
#: The three placements of the same two processes.
PLACEMENTS = (LOCAL, CENTRAL, GOD)
#: The service a central engine runs in, and the god service.
ENGINE, GOD_SERVICE = "Engine", "Orchestrator"
BROKER, RUNNER = "the broker", "what runs order fulfilment"
#: The outages the lab tries: the broker, and whatever runs order fulfilment (the Order
#: service with its engine, the central engine, the god service).
OUTAGES = (BROKER, RUNNER)
#: How many orders and registrations the outage lab places.
OUTAGE_PLACED = 10
_TITLES = {LOCAL: "each process in the engine of the service that owns it",
           CENTRAL: "one engine runs the process models each team owns",
           GOD: "one Orchestrator service owns and runs every process"}
_PROCESSES = ("Order fulfilment", "Customer onboarding")


def _placement(placement: object) -> str:
    return choose(placement.strip().lower() if isinstance(placement, str) else placement,
                  PLACEMENTS, "placement")


def ownership(placement: str) -> Architecture:
    """Who owns each process under ``placement``: the owners themselves (local engines and a
    central engine: each team owns its model), or the god service.

    >>> [p.owner for p in ownership("central engine").processes]
    ['Order', 'Onboarding']
    >>> [p.owner for p in ownership("god service").processes]
    ['Orchestrator', 'Orchestrator']
    """
    placement = _placement(placement)
    parts = (shop(ORCHESTRATION), checks_commanded())
    if placement == GOD:
        return centralised(*parts, service=GOD_SERVICE,
                           name=f"God service: {_TITLES[GOD]}")
    return together(*parts, name=f"{placement.capitalize()}: {_TITLES[placement]}")


def hosting_model(placement: str) -> Architecture:
    """Where each process *runs* under ``placement`` (for the hosting picture): in its owner,
    in the central engine, or in the god service.

    >>> [p.owner for p in hosting_model("central engine").processes]
    ['Engine', 'Engine']
    """
    placement = _placement(placement)
    if placement == CENTRAL:
        return centralised(shop(ORCHESTRATION), checks_commanded(), service=ENGINE,
                           name=f"Central engine: {_TITLES[CENTRAL]}")
    return ownership(placement)


# --------------------------------------------------------------------------- changes


def placement_changes() -> dict[str, dict[str, Impact]]:
    """Which services a change to either process touches, under each placement (by ``impact``
    on the ownership model).

    The changes: fetch the goods before the payment (order fulfilment, lesson 03) and add
    a criminal check (onboarding, lesson 04). Under a central engine the teams change
    their own models and deploy them; the engine itself changes for neither.

    >>> {p: {c: r.must_change for c, r in changes.items()}
    ...  for p, changes in placement_changes().items()}  # doctest: +NORMALIZE_WHITESPACE
    {'local engines': {'goods before payment': ('Order',), 'criminal check': ('Criminal check', 'Onboarding')},
     'central engine': {'goods before payment': ('Order',), 'criminal check': ('Criminal check', 'Onboarding')},
     'god service': {'goods before payment': ('Orchestrator',), 'criminal check': ('Criminal check', 'Orchestrator')}}
    """
    result = {}
    for placement in PLACEMENTS:
        model = ownership(placement)
        result[placement] = {
            "goods before payment": impact(model, reorder(model, "Payment", "Inventory",
                                                          process=_PROCESSES[0])),
            "criminal check": impact(model, insert_step(
                model, "Criminal check", after="Credit check", command="CheckCriminalRecord",
                event="CriminalRecordChecked", process=_PROCESSES[1])),
        }
    return result


def placement_changes_text() -> Sentences:
    """:func:`placement_changes` in sentences: who changes, and who changes for every process.

    >>> print(placement_changes_text())  # doctest: +NORMALIZE_WHITESPACE
    Local engines: goods before payment changes Order; criminal check changes Criminal check and Onboarding. No service changes for both.
    Central engine: goods before payment changes Order; criminal check changes Criminal check and Onboarding. No service changes for both: each team changes its own model and deploys it to the engine, which changes for neither.
    God service: goods before payment changes Orchestrator; criminal check changes Criminal check and Orchestrator. Orchestrator changes for both: every process change is a change to it.
    """
    lines = []
    for placement, changes in placement_changes().items():
        parts = [f"{change} changes {and_list(r.must_change)}" for change, r in changes.items()]
        common = set.intersection(*(set(r.must_change) for r in changes.values()))
        if common:
            tail = (f"{and_list(sorted(common))} changes for both: every process change is a "
                    f"change to it.")
        else:
            tail = "No service changes for both" + (
                ": each team changes its own model and deploys it to the engine, which "
                "changes for neither." if placement == CENTRAL else ".")
        lines.append(f"{placement.capitalize()}: {'; '.join(parts)}. {tail}")
    return Sentences("\n".join(lines))


# --------------------------------------------------------------------------- outages


def _workflows(model: Architecture):
    results = [result for _, result in ONBOARDING_CHECKS.values()]
    return (workflow_of(model, _PROCESSES[0], within={"GoodsShipped": SHIPPING_TIME_FRAME},
                        on_failure="OrderCancelled"),
            workflow_of(model, _PROCESSES[1],
                        within=dict.fromkeys(results, ONBOARDING_TIME_FRAME),
                        on_failure=CANCEL_REGISTRATION))


def _runs_order_fulfilment(placement: str) -> str:
    return {LOCAL: "Order", CENTRAL: ENGINE, GOD: GOD_SERVICE}[placement]


def placement_day(placement: str, *, seed: int = 1, outage: str | None = None,
                  settings: Mapping | None = None) -> Simulation:
    """Both processes on one bus under ``placement``, with one of :data:`OUTAGES` (or none).

    Local engines: an engine in the Order and in the Onboarding service. Central engine:
    one engine, in its own service, runs both teams' models (the owners' services have
    nothing left to run at runtime). God service: the Orchestrator runs both.

    >>> sim = placement_day("central engine", outage="what runs order fulfilment")
    >>> _ = sim.place_orders(2, flow="order"); _ = sim.place_orders(2, flow="customer")
    >>> _ = sim.run(); sim.counts("customer")["completed"]
    0
    """
    placement = _placement(placement)
    if outage is not None:
        outage = choose(outage, OUTAGES, "outage")
    model = ownership(placement)
    owners = list(dict.fromkeys(p.owner for p in model.processes))
    bus = on_the_bus(model, seed=seed, settings=settings_of(model, settings), engines=owners)
    if placement == CENTRAL:
        bus.add_service(ENGINE, **SHOP[GOD_SERVICE])  # the same handling time
        engines = {ENGINE: Engine(bus, ENGINE)}
        hosts = (ENGINE, ENGINE)
    else:
        engines = {owner: Engine(bus, owner) for owner in owners}
        hosts = tuple(model.owner_of(p) for p in _PROCESSES)
    for host, workflow in zip(hosts, _workflows(model), strict=True):
        engines[host].deploy(workflow)
    if outage == BROKER:
        bus.configure_broker(down=True)
    elif outage == RUNNER:
        bus.configure(_runs_order_fulfilment(placement), down=True)
    return Simulation(f"{placement.capitalize()}: {_TITLES[placement]}", bus, engines,
                      flows=(ORDERS, REGISTRATIONS))


def outage_lab(n: int = OUTAGE_PLACED, *, seed: int = 1) -> dict[str, dict[str, dict[str, int]]]:
    """``n`` orders and ``n`` registrations under each placement and outage: how many of each
    complete. Returns placement -> outage -> {"orders": ..., "registrations": ..., "placed": n}.

    >>> lab = outage_lab(5)
    >>> {p: [lab[p][o]["registrations"] for o in OUTAGES] for p in PLACEMENTS}
    {'local engines': [0, 5], 'central engine': [0, 0], 'god service': [0, 0]}
    """
    n = check_orders(n, "The number of orders and registrations")
    result: dict[str, dict[str, dict[str, int]]] = {}
    for placement in PLACEMENTS:
        result[placement] = {}
        for outage in OUTAGES:
            sim = placement_day(placement, seed=seed, outage=outage)
            sim.place_orders(n, flow="order")
            sim.place_orders(n, flow="customer")
            sim.run()
            result[placement][outage] = {"orders": sim.counts("order")[COMPLETED],
                                         "registrations": sim.counts("customer")[COMPLETED],
                                         "placed": n}
    return result


def _runner(placement: str) -> str:
    return {LOCAL: "the Order service (its engine inside)", CENTRAL: "the central engine",
            GOD: "the god service"}[placement]


def outage_table(lab: dict | None = None) -> str:
    """The outage lab as a plain-text table: what completes, per placement and outage.

    >>> print(outage_table(outage_lab(5)))  # doctest: +NORMALIZE_WHITESPACE
    placement       what is down                          orders  registrations
    local engines   the broker                            0 of 5  0 of 5
    local engines   the Order service (its engine inside)  0 of 5  5 of 5
    central engine  the broker                            0 of 5  0 of 5
    central engine  the central engine                    0 of 5  0 of 5
    god service     the broker                            0 of 5  0 of 5
    god service     the god service                       0 of 5  0 of 5
    """
    lab = outage_lab() if lab is None else _checked(lab)
    n = _placed(lab)
    rows = [("placement", "what is down", "orders", "registrations")]
    for placement, outages in lab.items():
        for outage, done in outages.items():
            down = outage if outage == BROKER else _runner(placement)
            rows.append((placement, down, f"{done['orders']} of {n}",
                         f"{done['registrations']} of {n}"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


def _checked(lab: object) -> dict:
    """``lab`` if it has the shape :func:`outage_lab` returns; else a sentence."""
    fields = {"orders", "registrations", "placed"}
    ok = (isinstance(lab, dict) and set(lab) == set(PLACEMENTS)
          and all(isinstance(o, dict) and set(o) == set(OUTAGES) and all(
              isinstance(c, dict) and set(c) == fields
              and all(isinstance(v, int) and not isinstance(v, bool) for v in c.values())
              for c in o.values()) for o in lab.values()))
    if not ok:
        raise LessonTypeError(f"Give the result of outage_lab() (placement -> outage -> "
                              f"counts), or nothing to run it; got {shown(lab)}.")
    return lab


def _placed(lab: dict) -> int:
    """How many of each the lab placed."""
    return next(iter(next(iter(lab.values())).values()))["placed"]


def one_standard(lab: dict | None = None) -> str:
    """What the outage lab shows, judged by one standard, in sentences chosen by its counts.

    >>> print(one_standard(outage_lab(5)))  # doctest: +NORMALIZE_WHITESPACE
    The broker down: 0 registrations completed, whatever the placement: every message of both processes goes through it.
    The central engine down: 0 registrations completed; the god service down: 0. Each runs both processes, so its outage stops both, as the broker's does.
    The Order service down, with local engines: 5 registrations completed: an owner's outage stops what it owns, and nothing else.
    """
    lab = outage_lab() if lab is None else _checked(lab)
    n = _placed(lab)

    def reg(placement: str, outage: str) -> int:
        return lab[placement][outage]["registrations"]

    broker = {reg(p, BROKER) for p in PLACEMENTS}
    lines = []
    if len(broker) == 1:
        (done,) = broker
        why = (": every message of both processes goes through it." if done == 0 else
               ".")
        lines.append(f"The broker down: {done} registrations completed, whatever the "
                     f"placement{why}")
    else:
        lines.append("The broker down: " + "; ".join(f"{p}: {reg(p, BROKER)} registrations "
                                                     f"completed" for p in PLACEMENTS) + ".")
    central, god = reg(CENTRAL, RUNNER), reg(GOD, RUNNER)
    both = ("Each runs both processes, so its outage stops both"
            + (", as the broker's does." if broker == {0} else ".") if central == god == 0 else
            "Each runs both processes." if central == god == n else "")
    lines.append(f"The central engine down: {central} registrations completed; the god service "
                 f"down: {god}. {both}".rstrip())
    local = reg(LOCAL, RUNNER)
    what = ("an owner's outage stops what it owns, and nothing else" if local == n else
            "the onboarding needs the Order service too" if local == 0 else
            "some registrations needed the Order service")
    lines.append(f"The Order service down, with local engines: {local} registrations "
                 f"completed: {what}.")
    return "\n".join(lines)
