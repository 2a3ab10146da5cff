"""The models behind the concept check's numeric items: each answer is counted, not typed.

The concept check (:mod:`lessonlib.course.concept_check`) asks, before lesson 01 and after
the capstone, about systems no lesson shows. Its numeric items ("how many services must
change?") name one of these functions in their ``"model"`` field, as a quiz's do
(:mod:`lessonlib.course.quizmodels` holds them all); the two forms ask the same question of
two different systems, so each function of the pre form has a twin in the post form that
counts the same change in another domain.

>>> {name: model().total for name, model in CONCEPT_MODELS.items()}
{'ferry_rename': 4, 'gate_rename': 4, 'enrolment_fees_first': 3, 'publishing_edit_first': 3, 'bookshop_new_reactor': 1, 'bank_new_reactor': 1}
"""

from __future__ import annotations

from collections.abc import Callable

from lessonlib.architecture import Architecture
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import reorder

__all__ = ["CONCEPT_MODELS"]


def _renamed(name: str, emitter: str, event: str, new: str, readers: list[str]) -> Impact:
    """An event with three subscribers, renamed by its emitter."""
    arch = Architecture(name, services=[emitter, *readers])
    arch.add_event(event, emitter=emitter, subscribers=readers)
    changed = arch.copy(f"{name}, {event} renamed")
    changed.rename_message(event, new)
    return impact(arch, changed)


def ferry_rename() -> Impact:
    """Pre form: the ferry's Departures renames ``FerryDeparted``; three services react to it."""
    return _renamed("Ferry departures", "Departures", "FerryDeparted", "FerryLeftPort",
                    ["Catering", "Tickets", "Harbour display"])


def gate_rename() -> Impact:
    """Post form: the airport's Gates renames ``GateChanged``; three services react to it."""
    return _renamed("Airport gates", "Gates", "GateChanged", "GateReassigned",
                    ["Boarding", "Display boards", "Crew app"])


def _chain(name: str, steps: list[tuple[str, str]]) -> Architecture:
    """A straight chain: each (service, event it announces) reacts to the one before."""
    arch = Architecture(name, services=[s for s, _ in steps])
    for (service, event), (nxt, _) in zip(steps, [*steps[1:], (None, None)], strict=True):
        arch.add_event(event, emitter=service, subscribers=[nxt] if nxt else [])
    return arch


def enrolment_fees_first() -> Impact:
    """Pre form: a university's enrolment chain takes the fees before checking documents."""
    chain = _chain("Enrolment (choreography)", [
        ("Applications", "ApplicationReceived"), ("Documents check", "DocumentsVerified"),
        ("Fees", "FeesPaid"), ("Timetable", "TimetableReady")])
    return impact(chain, reorder(chain, "Documents check", "Fees"))


def publishing_edit_first() -> Impact:
    """Post form: a publisher's chain edits a manuscript before it is reviewed."""
    chain = _chain("Publishing (choreography)", [
        ("Submissions", "ManuscriptSubmitted"), ("Review", "ManuscriptReviewed"),
        ("Editing", "ManuscriptEdited"), ("Printing", "BookPrinted")])
    return impact(chain, reorder(chain, "Review", "Editing"))


def _new_reactor(name: str, emitter: str, event: str, readers: list[str], new: str) -> Impact:
    arch = Architecture(name, services=[emitter, *readers])
    arch.add_event(event, emitter=emitter, subscribers=readers)
    changed = arch.copy(f"{name}, with {new}")
    changed.add_service(new)
    changed.subscribe(new, event)
    return impact(arch, changed)


def bookshop_new_reactor() -> Impact:
    """Pre form: a bookshop's Orders announces ``BookSold``; a reading-club team reacts too."""
    return _new_reactor("Bookshop", "Orders", "BookSold", ["Stock", "Invoices"], "Reading club")


def bank_new_reactor() -> Impact:
    """Post form: a bank's Accounts announces ``AccountOpened``; the savings team reacts too."""
    return _new_reactor("Bank", "Accounts", "AccountOpened", ["Cards", "Statements"], "Savings")


#: model name (an item's "model" field) -> the function that computes it; pre and post
#: twins side by side.
CONCEPT_MODELS: dict[str, Callable[[], Impact]] = {
    "ferry_rename": ferry_rename, "gate_rename": gate_rename,
    "enrolment_fees_first": enrolment_fees_first,
    "publishing_edit_first": publishing_edit_first,
    "bookshop_new_reactor": bookshop_new_reactor, "bank_new_reactor": bank_new_reactor,
}
