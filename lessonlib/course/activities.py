"""Every activity of the course in one list: what a lesson asks of the student, and the
answer each one takes.

An *activity* is a quiz question, a prediction, the classification exercise or a
part of a code exercise. Each is declared here once, with its lesson, its key, its
kind and the *shape* of the answer it accepts; the widgets show activities and
declare none, and the progress page, the instructor's view, the classroom
service's checks and the static edition all read this list.

The *shape* of each answer, the :class:`Activity` value and the one check of an answer
(:func:`check_value`) are :mod:`lessonlib.course.shapes`' (re-exported here).

Quiz questions come from the quiz files (:mod:`lessonlib.course.quiz`), read on
first use and kept; every other activity is an entry of :func:`_declared`, so
adding one is one entry there. Lesson ids are data: nothing here reads a number
out of one.

>>> [a.key for a in activities("04_criminal_check_exercise", kind="exercise")]
['exercise:criminal-check-choreography', 'exercise:criminal-check-orchestration']
>>> check_value(activity("04_criminal_check_exercise", "criminal check"),
...             {"orchestration": 2, "choreography": 1})
{'choreography': 1, 'orchestration': 2}
>>> activity("03_the_event_chain_trap", "fraud chek")
Traceback (most recent call last):
...
lessonlib.errors.LessonError: Lesson '03_the_event_chain_trap' has no activity 'fraud chek'. Did you mean 'fraud check'?
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import replace

from lessonlib.architecture import MESSAGE_KINDS
from lessonlib.course import beliefs
from lessonlib.course.explanations import CRIMINAL_CHECK_EXPLANATION
from lessonlib.course.lessons import LESSONS
from lessonlib.course.quiz import (
    CONCEPT_CHECK_DIR,
    MAX_COUNT,
    QUIZ_DIR,
    Quiz,
    load_concept_check,
    load_quiz,
)
from lessonlib.course.shapes import SHAPES, Activity, check_value
from lessonlib.errors import LessonError, LessonTypeError, check_name, items, shown, suggest
from lessonlib.prose import a_an, and_list, plural
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION, SHOP_LABELS, STYLES

__all__ = ["Activity", "ACTIVITY_KINDS", "CONCEPT_CHECK", "SHAPES", "activities", "activity", "lessons", "asks",
           "is_course_activity", "check_value", "prediction", "quiz_activities",
           "TRANSPORT", "CLASSIFICATION", "ONBOARDING_GUESS", "CRIMINAL_CHECK",
           "CRIMINAL_CHECK_PARTS", "INCONSISTENT_ORDERS", "OUTAGE", "STUCK_ORDER", "NO_ENGINE",
           "REFUND", "TRANSPORT_CHOICES", "LINKS", "LEDGER", "LEDGER_CHOICES", "FALSE_ALARM",
           "FALSE_ALARM_CHOICES", "CAPSTONE", "TRIP_LINKS_PART", "TRIP_MODEL", "TRIP_FAILURE",
           "TRIP_CHANGES"]

#: What a lesson asks of the student. A *concept check* item is a question of the concept
#: check (:mod:`lessonlib.course.concept_check`): the same concepts asked before lesson 01
#: and after the capstone, to measure what the course taught.
ACTIVITY_KINDS = ("quiz", "prediction", "classification", "exercise", "concept check")
CONCEPT_CHECK = "concept check"
KINDS = ACTIVITY_KINDS  # old name, kept until 0.3


# --------------------------------------------------------------------------- building one


def prediction(where: tuple[str, str], title: str, labels: Iterable[str], prompt: str = "", *,
               choices: Mapping[str, Iterable[str]] | None = None, unit: str = "services",
               most: int = MAX_COUNT, source: str | None = None, then: str | None = None,
               after: str = "", captions: Mapping[str, str] | None = None,
               old_labels: Mapping[str, str] | None = None,
               feedback: Mapping[str, Mapping[str, str]] | None = None) -> Activity:
    """A prediction at ``where`` (lesson, key): a count per label, or a choice per label.

    ``captions`` maps a label to what a learner reads for it, ``old_labels`` an earlier
    release's label to today's, ``feedback`` a label to the belief behind each wrong answer
    (see :class:`Activity`).

    The course's own are declared in :func:`_declared`; a lesson of your own can make
    one too (``predict(lesson, key, labels)``): it is saved with your progress, and
    only the course's own are sent to the class.

    >>> prediction(("04_criminal_check_exercise", "mine"), "Mine", ["x"], most=-1)
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonTypeError: most= is the largest sensible count, a whole number like 99; got -1.
    """
    lesson, key = check_name(where[0], "lesson id"), check_name(where[1], "prediction key")
    if isinstance(labels, str):
        labels = [labels]
    labels = tuple(check_name(label, "label")
                   for label in items(labels, "The labels", "['choreography']"))
    if not labels:
        raise LessonError("A prediction needs at least one thing to predict, like "
                          "['choreography', 'orchestration'].")
    if isinstance(most, bool) or not isinstance(most, int) or not 0 <= most <= 10**6:
        raise LessonTypeError(f"most= is the largest sensible count, a whole number like "
                              f"{MAX_COUNT}; got {shown(most)}.")
    chosen = choices is not None
    if chosen and (not isinstance(choices, Mapping) or set(choices) != set(labels)):
        raise LessonTypeError(f"choices= gives the answers for each of {list(labels)!r}; "
                              f"got {shown(choices)}.")
    choices = {label: tuple(choices[label]) for label in labels} if chosen else None
    return Activity(
        lesson, key, "prediction", "choices" if chosen else "counts", title, labels=labels,
        choices=tuple(choices.items()) if chosen else (),
        most=most, prompt=prompt, after=after,
        unit=check_name(unit, "unit (what is counted)"),
        source=check_name(source if source is not None else (
            "the demo" if chosen else "the models"), "source (where the answer comes from)"),
        then=check_name(then if then is not None else (
            "Now run the demo." if chosen else "Now make the change and count."),
            "sentence to show after saving"),
        captions=tuple((label, captions[label]) for label in labels if label in (captions or {})),
        old_labels=tuple((old, new) for old, new in (old_labels or {}).items() if new in labels),
        feedback=beliefs.checked(feedback, labels, choices, key))


def quiz_activities(quiz: Quiz, kind: str = "quiz") -> tuple[Activity, ...]:
    """The questions of ``quiz`` as activities, in order (a course quiz's are in the list)."""
    return tuple(Activity(quiz.lesson, q.id, kind, q.kind, q.prompt, options=q.options,
                          prompt=q.prompt, question=q) for q in quiz)


# --------------------------------------------------------------------------- the course's own

# Where lessonlib's own widgets find their activity, (lesson, key): said here once.
TRANSPORT = ("01_commands_and_events", "two transports")
CLASSIFICATION = ("01_commands_and_events", "classification")
LINKS = ("02_who_depends_on_whom", "links")
ONBOARDING_GUESS = ("02_who_depends_on_whom", "exercise:onboarding-guess")
LEDGER = ("02_who_depends_on_whom", "ledger")
CRIMINAL_CHECK = ("04_criminal_check_exercise", "criminal check")
#: Each part of lesson 04's code exercise, per style; the key is the notebook cell's tag.
CRIMINAL_CHECK_PARTS = {style: ("04_criminal_check_exercise", f"exercise:criminal-check-{style}")
                        for style in STYLES}
#: Lesson 05's predictions: a stuck order in the chain, an owner without an engine, and what
#: each outage stops (the texts are in :mod:`lessonlib.course.track_manage`).
STUCK_ORDER = ("05_track_then_manage", "can an event chain notice a stuck order")
NO_ENGINE = ("05_track_then_manage", "orchestration without an engine")
OUTAGE = ("05_track_then_manage", "registrations completed during an outage")
INCONSISTENT_ORDERS = ("06_sagas_that_earn_their_timers",
                       "inconsistent orders at the default time frame")
REFUND = ("06_sagas_that_earn_their_timers", "refund")

_COMMAND = "the command over the queue"
_EVENT = "the event on the HTTP feed"
#: The answers lesson 01's prediction offers, per label (the demo says which happened).
TRANSPORT_CHOICES = (
    (_COMMAND, ("Yes: an answer comes back, later",
                "No: nobody answers a message on a queue",
                "Only if the sender blocks and waits for it")),
    (_EVENT, ("No: an emitter never learns who read its event",
              "Yes, it can see them, but what it emits is the same for any reader",
              "Yes, and it must know its readers to send them the event")),
)
_REACTOR, _OUTAGE = "a second reactor", "an outage"
#: The answers lesson 02's ledger prediction offers, per label (the ledger says which holds).
LEDGER_CHOICES = (
    (_REACTOR, ("Fewer services change with events",
                "Fewer services change with commands",
                "The same number change either way")),
    (_OUTAGE, ("Only the engine's outage stops every order",
               "Either outage stops every order",
               "Only the broker's outage stops every order")),
)
_03 = "03_the_event_chain_trap"
#: Lesson 07: is OrderPlaced, with its one subscriber, a command in disguise?
FALSE_ALARM = ("07_commands_in_disguise", "false alarm")
_ORDER_PLACED = "OrderPlaced, with one subscriber"
#: The answers lesson 07's prediction offers, in the order of the detector's verdicts
#: (a command in disguise, an honest event, ambiguous); the detector says which it finds.
FALSE_ALARM_CHOICES = ((_ORDER_PLACED, ("A command in disguise: its one subscriber must act",
                                        "An honest event: one subscriber today proves nothing",
                                        "Ambiguous: the model cannot tell either way")),)
#: The capstone (lesson 09): its three exercise parts (the key is the cell's tag) and its
#: two predictions, one per requirement change (the changes are lessonlib.trip_booking's).
CAPSTONE = "09_capstone_trip_booking"
TRIP_LINKS_PART = (CAPSTONE, "exercise:trip-links")
TRIP_MODEL = (CAPSTONE, "exercise:trip-model")
TRIP_FAILURE = (CAPSTONE, "exercise:trip-failure")
TRIP_CHANGES = {change: (CAPSTONE, change) for change in ("insurance", "hotel first")}


def _shop_prediction(key: str, title: str, styles: tuple[str, ...], prompt: str,
                     after: str, feedback: Mapping[str, Mapping[str, str]]) -> Activity:
    """A lesson 03 count per style, shown as the shop's labels ("event chain"); until 0.3
    the labels 0.1 saved and sent (the captions themselves) are read as the styles."""
    return prediction((_03, key), title, styles, prompt, after=after, captions=SHOP_LABELS,
                      old_labels={SHOP_LABELS[s]: s for s in styles}, feedback=feedback)


def _exercise(style: str, part: str) -> Activity:
    lesson, key = CRIMINAL_CHECK_PARTS[style]
    return Activity(lesson, key, "exercise", "done", f"Exercise: part {part} ({style})")


def _per_item(where: tuple[str, str], kind: str, title: str,
              right: Iterable[tuple[str, str]]) -> Activity:
    """Command or event for each item, with the right answer the domain gives each."""
    right = tuple(right)
    return Activity(*where, kind, "per item", title, labels=tuple(item for item, _ in right),
                    choices=tuple((item, MESSAGE_KINDS) for item, _ in right), right=right)


def _classification() -> Activity:
    from lessonlib.classify import EXAMPLES

    return _per_item(CLASSIFICATION, "classification", "Classification",
                     ((e.name, e.kind) for e in EXAMPLES))


def _onboarding_guess() -> Activity:
    from lessonlib.decisions import ONBOARDING, decide

    return _per_item(ONBOARDING_GUESS, "exercise", "Exercise: the onboarding guess",
                     ((link.key, decide(link).kind) for link in ONBOARDING))


def _transport() -> Activity:
    """Lesson 01: does the queued command get an answer? can the feed's emitter see who read
    the event, and does what it emits depend on them? (answers chosen; the demo says which
    happened)"""
    return prediction(TRANSPORT, "Meaning vs transport", (_COMMAND, _EVENT),
                      "Before the demo runs: will the command sent over the queue get an answer? "
                      "Can Checkout, the event's emitter on the HTTP feed, see who read its "
                      "event, and does what it emits depend on them? Choose, then save; the "
                      "demo below tells you what happened.",
                      choices=dict(TRANSPORT_CHOICES), feedback=beliefs.TRANSPORT,
                      after="Read the report against the myths. The command over the queue was "
                      "asynchronous: `send()` returned with no answer, and the acknowledgement "
                      "came back later on a reply queue. It was still a command: Payment had to "
                      "answer. Expecting an answer is meaning; blocking for it is transport. No "
                      "Kafka runs here: the queue stands in for a broker's topic. The same "
                      "reasoning holds on Kafka: a command can be a Kafka record, and what makes "
                      "it a command is that its one receiver must answer, a contract the two "
                      "services keep, not something the topic enforces.\n\n"
                      "The event on the HTTP feed was fetched with `GET` requests. The readers "
                      "said who they were, as HTTP clients commonly do, so Checkout's server "
                      "could see them: \"the emitter never learns who read it\" is not "
                      "literally true of an HTTP feed. What makes it an event is that nothing "
                      "Checkout emits depends on its readers: it emitted exactly what a Checkout "
                      "nobody reads emits, and nothing went back to it. An event can travel on a "
                      "REST feed.\n\n"
                      "Each line shows a different envelope, and every receiver read exactly the "
                      "payload that was sent. Equal bytes alone do not make the meaning, though: "
                      "the meaning shows in how each message was treated. The evidence lines "
                      "under the summary say it per message and transport: each command had one "
                      "receiver that answered it (acknowledged or rejected); each event got no "
                      "answer, and what its emitter emitted did not depend on who read it.")


def _who_depends() -> tuple[Activity, Activity]:
    """Lesson 02: how many links couple two services (events remove none); and the ledger:
    where a second reactor is cheaper, and whose outage stops every order."""
    links = prediction(
        LINKS, "Links that couple two services", STYLES,
        "Order fulfilment again, in both styles (lesson 01's pictures). A link couples two "
        "services when one of them must know about the other. How many links couple two "
        "services in the event chain, and with the order service? (A command and the answer "
        "its receiver sends back are one link: the same two services.) Type a number for "
        "each, then save.", unit="links", captions=SHOP_LABELS, feedback=beliefs.LINKS,
        source="the models", then="Now reveal the links.",
        after="**Events do not remove coupling; they move it.** In the chain every link "
        "couples two services just as surely as a command does: each subscriber must know the "
        "event it reacts to, its name, its shape and its meaning, and who emits it. What an "
        "event changes is *which side* must know: the receiver. A command puts the same "
        "coupling on the sender. The count alone says little; the side that carries each link "
        "is the choice you make, link by link.")
    ledger = prediction(
        LEDGER, "Where each style wins", (_REACTOR, _OUTAGE),
        "Two cases, each decided by the course's models. (1) An SMS service also wants to "
        "greet every new customer, a reaction its own team owns, like the e-mail and the "
        "loyalty points. Compare onboarding as decided above (its reactions are events) with "
        "an onboarding that *commanded* its reactions: where must fewer services change? "
        "(2) One piece of infrastructure goes down for a while: the message broker the event "
        "chain's events travel on, or the workflow engine that runs the order service's "
        "process. Whose outage stops every order? Choose, then save.",
        choices=dict(LEDGER_CHOICES), feedback=beliefs.LEDGER, source="the ledger",
        then="Now reveal the ledger.",
        after="**Each style wins somewhere.** A reaction the receiver owns is cheaper as an "
        "event: the newcomer subscribes, and the sender never hears of it. A service many "
        "callers use is cheaper as a command API: the callers change, the service does not. "
        "And at runtime neither style escapes infrastructure: every event of the chain "
        "travels on the broker just as every step of the process runs in the engine, so "
        "either outage stops every order, and each is made highly available the same way. "
        "None of this is a score for a style; each line is lesson 02's question, *who owns "
        "the outcome?*, answered on one link. (Lesson 03 adds lines where an owner wins: "
        "changes to the order of the steps.)")
    return links, ledger


def _false_alarm() -> Activity:
    """Lesson 07: one subscriber today; is it a command in disguise? (the detector says)"""
    return prediction(
        FALSE_ALARM, "The false alarm", (_ORDER_PLACED,),
        "Find `OrderPlaced` in the catalogue: exactly one subscriber today, the order service, "
        "like the costumes around it. What is it? Choose, then save; the detector weighs it "
        "once your prediction is saved.", choices=dict(FALSE_ALARM_CHOICES),
        feedback=beliefs.FALSE_ALARM, source="the detector", then="Now run the detector.",
        after="**One subscriber today is a warning sign, not proof.** The sign is there, and "
        "the detector says so, but the name states a fact and nothing in the model shows "
        "Checkout waiting for an answer, nor a step of Checkout's lost without the order "
        "service. Checkout does not care who reacts to an order being placed; the order "
        "service owns its own reaction. Tomorrow an analytics service may subscribe as well, "
        "and Checkout will not change at all: that is what makes it an event.")


def _event_chain() -> tuple[Activity, ...]:
    """Lesson 03: how many services must change, in the chain and with an owner."""
    return (
        _shop_prediction(
            "goods first, chain", "Goods first, in the chain", (CHOREOGRAPHY,),
            "How many services must change in the event chain to fetch the goods "
            "before the payment? Type a number and save.",
            after="Compare the services that must change with the services "
            "`where_is_the_process` listed above: they are the same. Of course: the "
            "sequence *is* their subscriptions, so changing the sequence means changing "
            "them. Each of them is probably owned by a different team, with its own "
            "release schedule, and all of them must ship together.",
            feedback=beliefs.GOODS_FIRST_CHAIN),
        _shop_prediction(
            "goods first, owner", "Goods first, with an owner", (ORCHESTRATION,),
            "And with the order service that owns the process: how many services must "
            "change for the same change? Type a number and save.",
            after="Compare the two counts. With an owner the sequence lives in one "
            "place, so the change does too. The price was paid earlier, in the coupling: "
            "the order service depends on Payment, Inventory and Shipping (it sends them "
            "commands), which is lesson 02's choice made on purpose, because the order "
            "service is the one that cares that the order is fulfilled.",
            feedback=beliefs.GOODS_FIRST_OWNER),
        _shop_prediction(
            "vip invoice", "VIP customers pay by invoice", STYLES,
            "VIP customers should get their goods at once and pay later, by invoice. "
            "How many services must change in the chain, and with the order service? "
            "Type a number for each and save.",
            after="In the chain two services must learn something new. Payment must "
            "**skip VIP orders** (it no longer collects their payment when `OrderPlaced` "
            "arrives), and Inventory must **react to `OrderPlaced` for VIP orders** (nobody "
            "will announce a payment for them, so it fetches the goods straight away). A "
            "subscription that reacts to some of an event's occurrences only is written "
            "with `only=`: a filter on the subscription, which changes the service's role. "
            "Sending the invoice itself is left out here, as in the story. With the order "
            "service, Payment, Inventory and Shipping keep offering the same commands; only "
            "the order service learns a second way to run the process, one without the "
            "payment.", feedback=beliefs.VIP_INVOICE),
        _shop_prediction(
            "fraud check", "A fraud check after the payment", STYLES,
            "A fraud check must run right after the payment. How many services must "
            "change (the new one counts) in the chain, and with the order service? "
            "Type a number for each and save.",
            after="In the chain *inserting* a step also touches a neighbour: the "
            "service that used to react to Payment must now react to the fraud check. "
            "\"A new step only needs a new consumer\" is one of the common beliefs this "
            "course takes apart; lesson 04 tests it on another change.",
            feedback=beliefs.FRAUD_CHECK),
    )


def _criminal_check() -> Activity:
    """Lesson 04: how many services must change to add a criminal check, per style."""
    return prediction(CRIMINAL_CHECK, "The criminal check", STYLES,
                      "How many services must change (new ones count) to add a criminal check "
                      "to customer onboarding? Type a number for each style, then save.",
                      after=CRIMINAL_CHECK_EXPLANATION)


def _track_then_manage() -> tuple[Activity, ...]:
    """Lesson 05: a stuck order, an owner without an engine, and what an outage stops; the
    texts and the beliefs behind wrong answers are in :mod:`lessonlib.course.track_manage`,
    the largest count comes from the placements' lab."""
    from lessonlib.course import track_manage as tm
    from lessonlib.placement import OUTAGE_PLACED

    return (
        prediction(STUCK_ORDER, "A stuck order in the chain", (tm.STUCK_LABEL,),
                   tm.stuck_order_prompt(), choices={tm.STUCK_LABEL: tm.STUCK_CHOICES},
                   source="the run", then="Now run the day with the tracker below.",
                   after=tm.STUCK_AFTER, feedback={tm.STUCK_LABEL: tm.STUCK_BELIEFS}),
        prediction(NO_ENGINE, "Orchestration without an engine", (tm.ENGINE_LABEL,),
                   tm.ENGINE_PROMPT, choices={tm.ENGINE_LABEL: tm.ENGINE_CHOICES},
                   source="the run", then="Now run both below.", after=tm.ENGINE_AFTER,
                   feedback={tm.ENGINE_LABEL: tm.ENGINE_BELIEFS}),
        prediction(OUTAGE, "What an outage stops", tm.OUTAGE_LABELS,
                   tm.outage_prompt(OUTAGE_PLACED), unit="registrations", most=OUTAGE_PLACED, source="the simulation",
                   then="Now run the outages below.", after=tm.OUTAGE_AFTER,
                   feedback=tm.outage_beliefs(OUTAGE_PLACED)),
    )


def _inconsistent_orders() -> Activity:
    """Lesson 06: the time-frame lab's outcome, predicted; the prompt and largest count come
    from the lab's settings."""
    from lessonlib.saga_lab import TIMEOUT_LAB
    from lessonlib.trace import minutes

    lab = TIMEOUT_LAB["order fulfilment"]
    return prediction(INCONSISTENT_ORDERS, "Inconsistent orders", ("inconsistent orders",),
                      f"The owner cancels and refunds an order when GoodsShipped has not arrived "
                      f"within {minutes(lab['time_frame'])} {lab['unit']}. Of {lab['orders']} "
                      f"orders, with {lab['service']} failing on {lab['failure_rate']:.0%} and "
                      f"slow on {lab['slow_rate']:.0%} of its messages, how many end "
                      f"inconsistent: cancelled and refunded, and then shipped anyway? Type a "
                      f"number and save it.", unit="orders", most=lab["orders"],
                      source="the simulation",
                      then="Now open the lab below: it runs the simulation.")


def _refund() -> Activity:
    """Lesson 06: what adding the refund changes, per style (``labs.refund_impact`` counts)."""
    return prediction(
        REFUND, "Adding the refund", STYLES, "Shipping already announces `GoodsShipmentFailed` in "
        "both styles: the same signal. Now the payment must be refunded when a shipment fails. "
        "How many services must change in the event chain, and with the order service? Type a "
        "number for each and save.", captions=SHOP_LABELS, feedback=beliefs.REFUND,
        after=beliefs.REFUND_EXPLAINED)


def _trip_change(change: str) -> Activity:
    from lessonlib.course.capstone_words import TRIP_CHANGE_WORDS
    from lessonlib.trip_booking import DESIGNS

    words = TRIP_CHANGE_WORDS[change]
    return prediction(TRIP_CHANGES[change], f"Trip: {change}", tuple(DESIGNS), words["prompt"],
                      after=words["after"], captions=DESIGNS, feedback=words["feedback"],
                      then="Now reveal the counts.")


def _capstone() -> tuple[Activity, ...]:
    """Lesson 09: the trip's links decided, its model built, two changes predicted (their
    words are :mod:`lessonlib.course.capstone_words`'), one failure read."""
    parts = {part: Activity(*where, "exercise", "done", title) for part, where, title in (
        ("A", TRIP_LINKS_PART, "Capstone A: the links decided"),
        ("B", TRIP_MODEL, "Capstone B: the model built"),
        ("D", TRIP_FAILURE, "Capstone D: a failure read"))}
    return (parts["A"], parts["B"], *(_trip_change(change) for change in TRIP_CHANGES),
            parts["D"])


@functools.cache
def _declared() -> tuple[Activity, ...]:
    """Every activity but the quiz questions, in course order: one entry each.

    Built on first use: the classification's messages, the onboarding's right answers and
    the labs' prompts and largest counts (lessons 05 and 06) come from domain modules and the
    labs' settings, which ``import lessonlib`` need not read.
    """
    links, ledger = _who_depends()
    return (_transport(), _classification(), links, _onboarding_guess(), ledger, *_event_chain(),
            _with_feedback(_criminal_check(), beliefs.CRIMINAL_CHECK),
            _exercise(CHOREOGRAPHY, "A"), _exercise(ORCHESTRATION, "B"), *_track_then_manage(),
            _refund(), _inconsistent_orders(), _false_alarm(), *_capstone())


def _with_feedback(a: Activity, feedback: Mapping[str, Mapping[str, str]]) -> Activity:
    """Prediction ``a`` with ``feedback`` (see :func:`prediction`), checked the same way."""
    return replace(a, feedback=beliefs.checked(
        feedback, a.labels, dict(a.choices) if a.shape == "choices" else None, a.key))


# --------------------------------------------------------------------------- the list


@functools.cache
def _quiz_of(lesson: str) -> tuple[Activity, ...]:
    if not (QUIZ_DIR / f"{lesson}.json").exists():
        return ()
    return quiz_activities(load_quiz(lesson))


def _quiz_lessons() -> list[str]:
    return sorted(p.stem for p in QUIZ_DIR.glob("*.json"))


@functools.cache
def _concept_check_of(lesson: str) -> tuple[Activity, ...]:
    if not (CONCEPT_CHECK_DIR / f"{lesson}.json").exists():
        return ()
    return quiz_activities(load_concept_check(lesson), kind=CONCEPT_CHECK)


def _concept_check_lessons() -> list[str]:
    return sorted(p.stem for p in CONCEPT_CHECK_DIR.glob("*.json"))


def lessons() -> tuple[str, ...]:
    """The lessons with at least one activity, in course order.

    >>> lessons()[:2]
    ('00_start_here', '01_commands_and_events')
    """
    found = {a.lesson for a in _declared()} | set(_quiz_lessons()) | set(
        _concept_check_lessons())
    return tuple(lesson for lesson in LESSONS if lesson in found) + tuple(
        sorted(found - set(LESSONS)))


def activities(lesson: str | None = None, kind: str | None = None) -> tuple[Activity, ...]:
    """The course's activities in course order: each lesson's own, then its quiz questions.

    ``lesson`` keeps one lesson's (its id), ``kind`` one kind (see :data:`ACTIVITY_KINDS`). Quiz
    files are read only when quiz questions are asked for; a broken one raises a
    :class:`~lessonlib.errors.LessonError` naming it.

    >>> [a.kind for a in activities("04_criminal_check_exercise")][:3]
    ['prediction', 'exercise', 'exercise']
    >>> activities("04_criminal_chek")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: There is no lesson '04_criminal_chek' with activities. Did you mean '04_criminal_check_exercise'?
    """
    if kind is not None and kind not in ACTIVITY_KINDS:
        raise LessonError(f"There is no kind of activity {shown(kind)}. "
                          f"{suggest(kind, ACTIVITY_KINDS)}")
    if lesson is None:
        chosen = lessons()
    else:
        lesson = check_name(lesson, "lesson id")
        known = lessons()
        if lesson not in known:
            raise LessonError(f"There is no lesson {shown(lesson)} with activities. "
                              f"{suggest(lesson, known)}")
        chosen = (lesson,)
    found: list[Activity] = []
    for name in chosen:
        found += [a for a in _declared() if a.lesson == name and kind in (None, a.kind)]
        if kind in (None, "quiz"):
            found += _quiz_of(name)
        if kind in (None, CONCEPT_CHECK):
            found += _concept_check_of(name)
    return tuple(found)


def activity(lesson: str, key: str) -> Activity:
    """The activity ``key`` of ``lesson``; a sentence with the nearest keys if there is none."""
    key = check_name(key, "key")
    found = {a.key: a for a in activities(lesson)}
    if key not in found:
        raise LessonError(f"Lesson {lesson!r} has no activity {shown(key)}. "
                          f"{suggest(key, found)}")
    return found[key]


def asks(lesson: str) -> str:
    """What ``lesson`` asks of the student, in a few words (the static edition says it).

    >>> asks("04_criminal_check_exercise")
    'a prediction, 2 exercises and a 4-question quiz'
    >>> asks("01_commands_and_events")
    'a prediction, a classification and a 4-question quiz'
    """
    found = activities(lesson)
    parts = [a_an(kind) if n == 1 else plural(n, kind) for kind in ACTIVITY_KINDS
             if kind not in ("quiz", CONCEPT_CHECK) if (n := sum(a.kind == kind for a in found))]
    for kind, what in (("quiz", "question quiz"), (CONCEPT_CHECK, "item concept check")):
        if questions := sum(a.kind == kind for a in found):
            parts.append(f"a {questions}-{what}")
    return and_list(parts)


def is_course_activity(candidate: Activity) -> bool:
    """Whether ``candidate`` is one of the course's own (the class service takes only those)."""
    try:
        return activity(candidate.lesson, candidate.key) == candidate
    except LessonError:
        return False
