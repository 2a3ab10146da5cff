"""What a model answers, as tables: its messages, and how services' roles changed.

A notebook shows a :class:`~lessonlib.prose.Table` as an HTML table (its header row read
out by a screen reader), ``print`` still gives aligned text.

>>> from lessonlib import scenarios
>>> print(message_table(scenarios.seed_choreography()))
model                            services  commands  events
Choreography: a chain of events         3         0  2: OrderPlaced, PaymentReceived
"""

from __future__ import annotations

from lessonlib.architecture import Architecture
from lessonlib.errors import LessonTypeError, choose, shown
from lessonlib.prose import Table

__all__ = ["message_table", "compare_roles"]


def _architectures(archs: tuple, what: str) -> tuple[Architecture, ...]:
    if not archs or not all(isinstance(a, Architecture) for a in archs):
        raise LessonTypeError(f"{what} takes architectures, like {what}("
                              f"scenarios.seed_choreography()); got "
                              f"{', '.join(shown(a) for a in archs) or 'none'}.")
    return archs


def _names(names: tuple[str, ...]) -> str:
    return f"{len(names)}: {', '.join(names)}" if names else "0"


def message_table(*archs: Architecture) -> Table:
    """One row per model: its services, commands and events, counted and named.

    Introduced in ``00_start_here.ipynb`` (and used in ``01_commands_and_events.ipynb``).
    """
    archs = _architectures(archs, "message_table")
    return Table(("model", "services", "commands", "events"),
                 [(a.name, len(a.services), _names(a.commands()), _names(a.events()))
                  for a in archs])


def compare_roles(before: Architecture, after: Architecture, *services: str) -> Table:
    """Each service's role (what it subscribes to, emits, sends and handles) before and after
    a change, and whether it changed; only ``services`` if named.

    Introduced in ``03_the_event_chain_trap.ipynb``.

    >>> from lessonlib import reorder, scenarios
    >>> chain = scenarios.order_fulfilment_choreography()
    >>> print(compare_roles(chain, reorder(chain, "Payment", "Inventory"), "Payment"))
    service  before                                            after                                              changed
    Payment  subscribes to OrderPlaced; emits PaymentReceived  subscribes to GoodsFetched; emits PaymentReceived  yes
    """
    _architectures((before, after), "compare_roles")
    old, new = before.roles(), after.roles()
    known = list(dict.fromkeys([*old, *new]))
    names = [choose(s, known, "service") for s in services] or known
    rows = []
    for s in names:
        was, now = old.get(s), new.get(s)
        rows.append((s, str(was) if was else "(not there)", str(now) if now else "(removed)",
                     "yes" if str(was) != str(now) else "no"))
    return Table(("service", "before", "after", "changed"), rows)
