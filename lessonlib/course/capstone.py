"""The capstone's exercises (lesson 09): decide the trip's links, build it, read a failure.

The trip is :mod:`lessonlib.trip_booking`'s, a domain no earlier lesson shows. Each part
is reviewed the way lesson 04 reviews a draft (:class:`~lessonlib.course.exercise.DraftReview`):
one hint at a time, a question that never names the answer; a ``hand_in_*`` function
hands in the finished part (:func:`lessonlib.course.submit.submit`), its ``review_*``
twin only reviews.

* :func:`hand_in_trip_links`: the kind of each of the five links and the team that owns
  its outcome, compared with the decision tree's (lesson 02), and a reason for each,
  which the instructor grades with the rubric of the instructor edition;
* :func:`hand_in_trip_model`: the student's model (a :func:`~lessonlib.course.exercise.draft`
  of :func:`~lessonlib.trip_booking.trip_booking_start`): each link's kind and direction,
  each booking's answer, and the steps of the process in the story's order;
* :func:`trip_change_counts`: the two requirement changes counted in three designs, the
  student's own model among them once it is finished (the predictions' reveal);
* :func:`hand_in_trip_failure`: what the student read off a day of trips with one
  booking failing.

Introduced in ``09_capstone_trip_booking.ipynb``.

>>> review = review_trip_links({"car": {"kind": "event", "owner": "Car rental", "why": "."}})
>>> review.ok, review.hint.startswith("The link 'car'")
(False, True)
>>> review_trip_model(trip_solution()).ok
True
"""

from __future__ import annotations

from collections.abc import Mapping

from lessonlib.architecture import COMMAND, EVENT, Architecture, Coupling
from lessonlib.classify import parse_kind
from lessonlib.course.activities import TRIP_FAILURE, TRIP_LINKS_PART, TRIP_MODEL, activity
from lessonlib.course.exercise import Draft, DraftReview, draft
from lessonlib.course.submit import submit
from lessonlib.decisions import ROOT, TREE, LinkCase, decide
from lessonlib.errors import LessonError, LessonTypeError, check_name, shown, suggest
from lessonlib.prose import a_an, and_list, noun
from lessonlib.simulate import COMPENSATED, COMPLETED, Simulation
from lessonlib.trip_booking import (
    BOOKINGS,
    DESIGNS,
    OWNER,
    TRIP_LINKS,
    cancellations_of,
    change_impacts,
    trip_booking,
    trip_booking_start,
)

__all__ = ["hand_in_trip_links", "review_trip_links", "hand_in_trip_model", "review_trip_model",
           "trip_solution", "trip_change_counts", "hand_in_trip_failure",
           "review_trip_failure", "LINK_FIELDS", "FAILURE_FIELDS"]

#: What the student gives for each link.
LINK_FIELDS = ("kind", "owner", "why")
#: What the student reads off a day of trips.
FAILURE_FIELDS = ("booked", "cancelled", "cancellations")
_KEYS = tuple(link.key for link in TRIP_LINKS)
#: The fewest words a reason must have (the instructor grades what it says).
_WHY_WORDS = 4


def _blank(value: object) -> bool:
    return value is Ellipsis or (isinstance(value, str) and value.strip() in ("", "...", "?"))


def _team(value: str) -> str:
    """A team's name as a student may write it: "the Trip team" -> "trip"."""
    words = " ".join(value.split()).lower().removeprefix("the ").removesuffix(" team")
    return words.removesuffix(" service").strip()


# --------------------------------------------------------------------------- part A: the links


def _link_entries(decisions: object) -> dict[str, Mapping]:
    """The student's entries by link key, every key and field checked (a sentence if not)."""
    if not isinstance(decisions, Mapping):
        raise LessonTypeError(f"Write your decisions as a dict, one entry per link, like "
                              f"{{'car': {{'kind': ..., 'owner': ..., 'why': '...'}}}}; got "
                              f"{shown(decisions)}.")
    entries = {}
    for key, entry in decisions.items():
        name = check_name(key, "link").strip().lower()
        if name not in _KEYS:
            raise LessonError(f"Unknown link {shown(key)}. {suggest(name, _KEYS)}")
        if not isinstance(entry, Mapping):
            raise LessonTypeError(f"The entry for {name!r} is a dict with {LINK_FIELDS!r}, like "
                                  f"{{'kind': 'command', 'owner': 'Trip', 'why': '...'}}; got "
                                  f"{shown(entry)}.")
        for field in entry:
            if field not in LINK_FIELDS:
                raise LessonError(f"The entry for {name!r} has no field {shown(field)}. "
                                  f"{suggest(field, LINK_FIELDS)}")
        entries[name] = entry
    return entries


def _kind_hint(link: LinkCase, given: str) -> str:
    """A question that sends the student back to the tree, never naming the kind."""
    where = f"The link {link.key!r} ({link.activity})"
    if decide(link).kind == COMMAND:
        why = ("Is it something the travel company must guarantee to every traveller?"
               if link.legally_required else
               f"If {link.activity} never happened, whose promise to the traveller would be "
               "broken?")
        return (f"{where} is {a_an(given)} in your answer. Ask the tree's first question, "
                f"\"{TREE[ROOT].text}\", for the {link.sender} team: {why}")
    return (f"{where} is {a_an(given)} in your answer. Is the {link.sender} team's own job "
            f"done without {link.activity}? And who would miss it if it never happened: "
            f"the {link.sender} team or the {link.receiver} team?")


def _owner_hint(link: LinkCase, given: str) -> str:
    return (f"For the link {link.key!r} you wrote that the {given} team owns the outcome. "
            f"Which team must make sure that {link.activity} really happens: the one the "
            f"travel company's CIO would call if it stopped? (The link joins "
            f"{link.sender} and {link.receiver}.)")


def _link_hints(link: LinkCase, entry: Mapping | None) -> list[str]:
    if entry is None:
        return [f"The link {link.key!r} ({link.activity}) has no entry yet: add one with "
                f"its kind, the team that owns it and why."]
    hints = []
    kind = entry.get("kind", Ellipsis)
    if _blank(kind):
        hints.append(f"The link {link.key!r} still has a blank kind: is it a command or an "
                     "event? Walk the tree for it.")
    else:
        try:
            kind = parse_kind(kind)
        except LessonError as exc:
            hints.append(f"The kind of {link.key!r}: {exc}")
        else:
            if kind != decide(link).kind:
                hints.append(_kind_hint(link, kind))
    owner = entry.get("owner", Ellipsis)
    if _blank(owner):
        hints.append(f"The link {link.key!r} still has a blank owner: which team owns its "
                     f"outcome, {link.sender} or {link.receiver}?")
    elif not isinstance(owner, str) or _team(owner) not in (
            _team(link.sender), _team(link.receiver)):
        hints.append(f"The owner of {link.key!r} is a team's name, {link.sender!r} or "
                     f"{link.receiver!r}; got {shown(owner)}.")
    elif _team(owner) != _team(decide(link).owner):
        hints.append(_owner_hint(link, owner.strip()))
    why = entry.get("why", Ellipsis)
    if _blank(why) or not isinstance(why, str) or len(why.split()) < _WHY_WORDS:
        hints.append(f"Say in a sentence, under 'why' for {link.key!r}, who owns the outcome "
                     "and what that makes of the link. Your instructor reads it.")
    return hints


def review_trip_links(decisions: Mapping) -> DraftReview:
    """Compare a student's decision for each of the trip's five links with the tree's:
    its kind and the team that owns its outcome; each needs a reason too (graded by the
    instructor). Pure: it hands nothing in.

    >>> print(review_trip_links({}).hint)
    The link 'car' (reserving the rental car) has no entry yet: add one with its kind, the team that owns it and why.
    """
    entries = _link_entries(decisions)
    hints = [hint for link in TRIP_LINKS for hint in _link_hints(link, entries.get(link.key))]
    if hints:
        return DraftReview("links", False, hints[0], len(hints) - 1)
    return DraftReview("links", True, "Every link is decided as the tree decides it, with the "
                       "team that owns its outcome. Your reasons are for your instructor. Now "
                       "build the model.")


def hand_in_trip_links(decisions: Mapping) -> DraftReview:
    """Review the five decisions (:func:`review_trip_links`) and hand the part in once they
    are right. Introduced in ``09_capstone_trip_booking.ipynb``."""
    result = review_trip_links(decisions)
    if not result.ok:
        return result
    return DraftReview("links", True, result.hint,
                       notices=tuple(submit(activity(*TRIP_LINKS_PART), True)))


# --------------------------------------------------------------------------- part B: the model


def _between(couplings: tuple[Coupling, ...], a: str, b: str) -> list[Coupling]:
    return [c for c in couplings if {c.dependent, c.depends_on} == {a, b}]


def _expected_dependent(link: LinkCase) -> str:
    return link.sender if decide(link).kind == COMMAND else link.receiver


def _one_link_hints(model: Architecture, couplings, link: LinkCase) -> list[str]:
    """Kind, direction and name of one link of the student's model."""
    a, b = link.sender, link.receiver
    found = _between(couplings, a, b)
    if not found:
        return [f"Nothing connects {a} and {b} yet: how does {b} learn about "
                f"{link.activity}? Write the link as you decided it in part A."]
    kinds = {c.kind for c in found}
    right = decide(link).kind
    if kinds != {right}:
        given = and_list(sorted(kinds))
        return [f"{a} and {b} are joined by {a_an(given) if len(kinds) == 1 else given} "
                f"({and_list(c.message for c in found)}). Is that the kind you decided for "
                f"{link.activity} in part A?"]
    coupling = found[0]
    if coupling.dependent != _expected_dependent(link):
        return [f"In your model {coupling.dependent} depends on {coupling.depends_on} "
                f"({coupling.kind} {coupling.message}). Who should carry this link: which "
                f"of the two must know the other for {link.activity}?"]
    name = link.command if right == COMMAND else link.event
    if coupling.message != name:
        return [f"The link between {a} and {b} is {coupling.message}; the table names it "
                f"{name}. Use the table's names, so the counts below compare like with like."]
    return []


def _answer_hints(model: Architecture) -> list[str]:
    """Each booking is answered: its service announces the event its sender waits for."""
    hints = []
    for service, (command, answer) in BOOKINGS.items():
        if command not in model.commands():
            continue
        sender = model.message(command).source
        if answer not in model.events() or model.message(answer).source != service:
            hints.append(f"{sender} sends {command}, but nothing tells it how the booking went: "
                         f"which event should {service} announce?")
        elif sender not in model.message(answer).targets:
            hints.append(f"{service} announces {answer}, but {sender}, which asked for the "
                         f"booking, does not hear it. Who waits for {answer}?")
    return hints


def _extra_hints(model: Architecture, couplings) -> list[str]:
    """Links the story does not have: a service reacting to another's booking, say."""
    known = {frozenset((OWNER, link.receiver)) for link in TRIP_LINKS}
    known.add(frozenset(("Travel app", OWNER)))
    extra = [c for c in couplings if frozenset((c.dependent, c.depends_on)) not in known]
    return [f"{c.dependent} depends on {c.depends_on} ({c.kind} {c.message}), a link the story "
            f"does not have. Which of your decisions needs it?" for c in extra[:1]]


def _step_hints(model: Architecture) -> list[str]:
    """The process: owned by the Trip service, every step of it listed, in the story's order."""
    owned = [p for p in model.processes if p.owner == OWNER]
    if not owned:
        owners = and_list(p.owner for p in model.processes)
        return [f"No process of your model is owned by {OWNER}" + (f" (yours: {owners})" if
                owners else "") + ". Which service sold the trip and must see where each "
                "booking stands?"]
    steps = list(owned[0].steps)
    involved = [m.name for m in model.messages
                if m.source == OWNER or OWNER in m.targets]
    missing = [m for m in involved if m not in steps]
    if missing:
        return [f"Your process leaves out {and_list(missing)}: every message {OWNER} sends, "
                "announces or waits for is a step, so it sees where each trip stands."]
    if steps[0] != "TripRequested":
        return [f"Your process starts with {steps[0]}. What starts a trip's booking?"]
    order = [m for pair in BOOKINGS.values() for m in pair]
    for earlier, later in zip(order, order[1:], strict=False):
        if steps.index(later) < steps.index(earlier):
            return [f"In your process {later} comes before {earlier}. The story books the car, "
                    f"then the hotel, then the flight, each after the last one is confirmed: "
                    f"what must {OWNER} wait for before {later}?"]
    last_booking = steps.index(order[-1])
    early = [s for s in steps if s not in order and s != "TripRequested"
             and steps.index(s) < last_booking]
    if early:
        return [f"{early[0]} comes before {order[-1]} in your process. Can the trip be "
                f"{'announced' if model.kind_of(early[0]) == EVENT else 'confirmed'} before "
                "every booking is made?"]
    return []


def review_trip_model(d: Draft) -> DraftReview:
    """Review a student's model of the trip: every link as the tree decides it, pointing the
    right way, each booking answered, and the process's steps in the story's order. Pure.

    >>> d = draft(trip_booking_start())
    >>> d.add_command("ReserveCar", sender="Car rental", receiver="Trip")
    >>> print(review_trip_model(d).hint)  # doctest: +ELLIPSIS
    In your model Car rental depends on Trip (command ReserveCar). Who should carry this link...
    """
    if not isinstance(d, Draft):
        raise LessonTypeError(f"The trip's model is reviewed as a draft made with "
                              f"draft(trip_booking_start()); got {shown(d)} "
                              f"({type(d).__name__}).")
    model = d.model
    hints = list(d.notes)
    added = [s for s in model.services if s not in d.original.services]
    removed = [s for s in d.original.services if s not in model.services]
    if added or removed:
        hints.append(f"Your model {'adds ' + and_list(added) if added else ''}"
                     f"{' and ' if added and removed else ''}"
                     f"{'removes ' + and_list(removed) if removed else ''}: the trip has the "
                     "services it started with. Change only the links.")
    couplings = model.couplings()
    for link in TRIP_LINKS:
        hints += _one_link_hints(model, couplings, link)
    hints += _answer_hints(model) + _extra_hints(model, couplings)
    if not hints:
        hints += _step_hints(model)
    if hints:
        return DraftReview("model", False, hints[0], len(hints) - 1)
    return DraftReview("model", True, "Your trip has every link as you decided it, each "
                       "pointing the right way, and its steps in the story's order. Count "
                       "what two changes do to it below.")


def hand_in_trip_model(d: Draft) -> DraftReview:
    """Review the student's trip model (:func:`review_trip_model`) and hand the part in once
    it is right. Introduced in ``09_capstone_trip_booking.ipynb``."""
    result = review_trip_model(d)
    if not result.ok:
        return result
    return DraftReview("model", True, result.hint,
                       notices=tuple(submit(activity(*TRIP_MODEL), True)))


def trip_solution() -> Draft:
    """The model answer as a finished draft (the reveal counts it when the student's own
    model is not finished).

    >>> trip_solution().model == trip_booking()
    True
    """
    answer = trip_booking()
    d = draft(trip_booking_start(), name=answer.name)
    for m in answer.messages[1:]:
        d.model.add_message(m.name, m.kind, m.source, m.targets, description=m.description)
    for p in answer.processes:
        d.add_process(p.name, owner=p.owner, steps=p.steps)
    return d


# --------------------------------------------------------------------------- the two changes


def trip_change_counts(change: str, d: Draft | None = None) -> tuple[dict[str, int], str]:
    """How many services ``change`` touches in each design: ``({design: count}, report)``.

    The design decided link by link is the student's own model when ``d`` is finished
    (:func:`review_trip_model`), else the model answer, and the report says which.

    >>> counts, report = trip_change_counts("insurance")
    >>> counts
    {'choreography': 1, 'orchestration': 2, 'link by link': 1}
    >>> print(report.splitlines()[-1])
    Decided link by link, the model answer (you have not given a model of your own): 1 service must change: Insurance (1 new). Untouched: Travel app, Trip, Car rental, Hotel, Flight, Documents, Loyalty.
    """
    if d is None:
        source = "the model answer (you have not given a model of your own)"
    elif not isinstance(d, Draft) or not review_trip_model(d).ok:
        source = ("the model answer (your model is not finished; once it is, run this cell "
                  "again)")
    else:
        source = "your model"
    decided = d.model if source == "your model" else None
    impacts = change_impacts(change, decided)
    counts = {design: result.total for design, result in impacts.items()}
    lines = []
    for design, result in impacts.items():
        whose = f", {source}" if decided is None and design == "link by link" else (
            ", your model" if design == "link by link" else "")
        lines.append(f"{DESIGNS[design].capitalize()}{whose}: {result.summary()}")
    return counts, "\n".join(lines)


# --------------------------------------------------------------------------- part D: a failure


def _read(value: object, what: str) -> object:
    if not isinstance(value, Mapping):
        raise LessonTypeError(f"{what} is a dict with {FAILURE_FIELDS!r}, like {{'booked': 3, "
                              f"'cancelled': 1, 'cancellations': ['...']}}; got {shown(value)}.")
    for field in value:
        if field not in FAILURE_FIELDS:
            raise LessonError(f"What you read has no field {shown(field)}. "
                              f"{suggest(field, FAILURE_FIELDS)}")
    return value


def _count_hint(field: str, given: object, right: int, outcome: str) -> str | None:
    if _blank(given):
        return f"'{field}' is still blank: count the trips whose outcome is {outcome!r}."
    if isinstance(given, bool) or not isinstance(given, int):
        return f"'{field}' is a whole number of trips; got {shown(given)}."
    if given != right:
        return (f"'{field}' is {given}, but the table says otherwise: how many rows have the "
                f"outcome {outcome!r}? (Show every trip with limit=.)")
    return None


def review_trip_failure(sim: Simulation, read: Mapping) -> DraftReview:
    """Compare what the student read off a day of trips with the day itself: the trips
    booked, those cancelled cleanly, and the cancellations of the first cancelled trip in
    the order the Trip service sent them. Pure.

    >>> from lessonlib.trip_booking import trip_day
    >>> print(review_trip_failure(trip_day(trips=3), {"booked": 2}).hint)
    'cancelled' is still blank: count the trips whose outcome is 'compensated'.
    """
    if not isinstance(sim, Simulation):
        raise LessonTypeError(f"review_trip_failure() reads a day of trips, like trip_day(); "
                              f"got {shown(sim)}.")
    read = _read(read, "What you read")
    counts = sim.counts()
    hints = [h for field, outcome in (("booked", COMPLETED), ("cancelled", COMPENSATED))
             if (h := _count_hint(field, read.get(field, Ellipsis), counts[outcome], outcome))]
    cancelled = [c for c, o in sim.outcomes().items() if o == COMPENSATED]
    given = read.get("cancellations", Ellipsis)
    if cancelled:
        first = cancelled[0]
        right = list(cancellations_of(sim, first))
        if _blank(given) or given == [...]:
            hints.append(f"'cancellations' is still blank: which cancellations did {OWNER} "
                         f"send for {first}, the first cancelled trip, and in which order? "
                         f"Leave it empty ([]) if it sent none.")
        elif not isinstance(given, list | tuple) or not all(isinstance(g, str) for g in given):
            hints.append(f"'cancellations' is a list of command names, like ['CancelX']; got "
                         f"{shown(given)}.")
        elif list(given) != right:
            same = sorted(given) == sorted(right)
            hints.append(f"For {first} you listed {and_list(given) or 'no cancellation'}. "
                         + ("Those are the right ones: in which order were they sent? Read "
                            "its diagram from top to bottom." if same else
                            f"Which bookings had {first} made before its failure, and which of "
                            f"them did {OWNER} cancel?"))
    if hints:
        return DraftReview("failure", False, hints[0], len(hints) - 1)
    return DraftReview("failure", True, f"You read the day right: {counts[COMPLETED]} "
                       f"{noun(counts[COMPLETED], 'trip')} booked, {counts[COMPENSATED]} "
                       "cancelled cleanly. Why does the Trip service cancel in that order? "
                       "Write it down for the discussion.")


def hand_in_trip_failure(sim: Simulation, read: Mapping) -> DraftReview:
    """Review what the student read off a day of trips (:func:`review_trip_failure`) and hand
    the part in once it is right. Introduced in ``09_capstone_trip_booking.ipynb``."""
    result = review_trip_failure(sim, read)
    if not result.ok:
        return result
    return DraftReview("failure", True, result.hint,
                       notices=tuple(submit(activity(*TRIP_FAILURE), True)))
