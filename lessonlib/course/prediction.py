"""Predict, then count: a learner's prediction is saved before the answer is shown.

Pure logic here; the widgets are thin views in :mod:`lessonlib.widgets.prediction`.
The prediction is kept with :func:`lessonlib.course.progress.record`, so it
survives a kernel restart, and it is
locked once the answer has been revealed: a guess made after seeing the answer
teaches nothing. Introduced in ``04_criminal_check_exercise.ipynb``.

>>> parse_count(" 2 ")
2
>>> parse_count("Two")
2
>>> parse_count("2 or 3")
Traceback (most recent call last):
...
lessonlib.errors.LessonError: A prediction is one whole number of services, like 2 or 'two'; got '2 or 3'.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lessonlib.course.progress import recall, record
from lessonlib.course.quiz import MAX_COUNT, parse_count
from lessonlib.errors import LessonError, LessonTypeError, check_name, items, shown, suggest

__all__ = ["parse_count", "Prediction", "PredictionSpec", "PREDICTIONS", "prediction_spec",
           "predictions_of", "transport_outcome"]

def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10 ** 6


def _compare(predicted: int, actual: int) -> str:
    if predicted == actual:
        return "as you predicted"
    diff = abs(actual - predicted)
    return f"{diff} {'more' if actual > predicted else 'fewer'} than you predicted"


class Prediction:
    """A learner's prediction of a few counts (or choices), kept in the progress file.

    Parameters
    ----------
    lesson : str
        The lesson id, e.g. ``"04_criminal_check_exercise"``.
    key : str
        A name for this prediction within the lesson.
    labels : iterable of str
        What is predicted, e.g. ``["choreography", "orchestration"]``.
    choices : mapping, optional
        For a prediction that picks an answer instead of typing a count: each
        label -> the answers to choose from.
    unit, most : str, int
        What is counted ("services", "orders") and the largest sensible count.
    source, then : str
        Where the answer comes from ("the models", "the simulation"), and what to
        do after saving (a sentence).

    Examples
    --------
    >>> import os, tempfile
    >>> saved_env = os.environ.get("LESSONLIB_PROGRESS")
    >>> os.environ["LESSONLIB_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "progress.json")
    >>> p = Prediction("04_criminal_check_exercise", "demo", ["choreography", "orchestration"])
    >>> print(p.reveal({"choreography": 2, "orchestration": 2}))
    Save your prediction first (above). A guess made after seeing the answer teaches nothing.
    >>> print(p.save({"choreography": "1", "orchestration": "two"}))
    Saved: choreography 1, orchestration 2. Now make the change and count.
    >>> print(p.reveal({"choreography": 2, "orchestration": 2}))
    Your prediction: choreography 1, orchestration 2.
    Counted from the models: choreography 2 (1 more than you predicted); orchestration 2 (as you predicted).
    >>> print(p.save({"choreography": "2", "orchestration": "2"}))
    You have seen the counts, so your prediction stays as you saved it before: choreography 1, orchestration 2.
    >>> q = Prediction("01_commands_and_events", "demo", ["answer"], choices={"answer": ["yes", "no"]})
    >>> print(q.save({"answer": "maybe"}))
    Not saved yet. Choose one answer for answer: 'yes' or 'no'.
    >>> print(q.save({"answer": "no"}))
    Saved: answer: no. Now run the demo.
    >>> print(q.reveal({"answer": "yes"}))
    Your prediction: answer: no.
    What happened: answer: yes (not what you predicted).
    >>> if saved_env is None:
    ...     del os.environ["LESSONLIB_PROGRESS"]
    ... else:
    ...     os.environ["LESSONLIB_PROGRESS"] = saved_env
    """

    def __init__(self, lesson: str, key: str, labels: Iterable[str],
                 choices: Mapping[str, Iterable[str]] | None = None, *, unit: str = "services",
                 most: int = MAX_COUNT, source: str | None = None, then: str | None = None):
        self.unit = check_name(unit, "unit (what is counted)")
        self.source = check_name(source if source is not None else (
            "the demo" if choices is not None else "the models"),
            "source (where the answer comes from)")
        self.then = check_name(then if then is not None else (
            "Now run the demo." if choices is not None else "Now make the change and count."),
            "sentence to show after saving")
        if isinstance(most, bool) or not isinstance(most, int) or not 0 <= most <= 10**6:
            raise LessonTypeError(f"most= is the largest sensible count, a whole number like "
                                  f"{MAX_COUNT}; got {shown(most)}.")
        self.most = most
        self.lesson = lesson
        self.key = check_name(key, "prediction key")
        if isinstance(labels, str):
            labels = [labels]
        self.labels = tuple(check_name(label, "label")
                            for label in items(labels, "The labels", "['choreography']"))
        if not self.labels:
            raise LessonError("A prediction needs at least one thing to predict, like "
                              "['choreography', 'orchestration'].")
        self.choices = ({label: tuple(choices[label]) for label in self.labels}
                        if choices is not None else None)

    def _valid(self, label: str, value: object) -> bool:
        if self.choices is not None:
            return isinstance(value, str) and value in self.choices[label]
        return _is_count(value)

    def saved(self) -> dict | None:
        """The saved record ``{"values": {...}, "revealed": bool}``, or None."""
        value = recall(self.lesson, self.key)
        if (isinstance(value, dict) and isinstance(value.get("values"), dict)
                and all(self._valid(k, value["values"].get(k)) for k in self.labels)):
            return value
        return None  # nothing saved, or a record of another shape: treat as unsaved

    @property
    def revealed(self) -> bool:
        """Whether the answer was shown (the prediction is then locked)."""
        saved = self.saved()
        return bool(saved and saved.get("revealed"))

    def text(self, values: Mapping[str, object]) -> str:
        """The values as the widget shows them: ``"choreography 1, orchestration 2"``."""
        sep = ": " if self.choices is not None else " "
        return ", ".join(f"{label}{sep}{values[label]}" for label in self.labels)

    def save(self, texts: Mapping[str, object]) -> str:
        """Parse and save the learner's answers; return a sentence for the widget.

        Bad input is answered with a sentence; nothing is saved until every
        answer reads as a number (or is one of the choices).
        """
        old = self.saved()
        if old is not None and old.get("revealed"):
            what = "the answer" if self.choices is not None else "the counts"
            return (f"You have seen {what}, so your prediction stays as you saved it "
                    f"before: {self.text(old['values'])}.")
        values = {}
        for label in self.labels:
            if self.choices is not None:
                value = texts.get(label)
                if value not in self.choices[label]:
                    options = " or ".join(repr(c) for c in self.choices[label])
                    return f"Not saved yet. Choose one answer for {label}: {options}."
                values[label] = value
                continue
            try:
                values[label] = parse_count(texts.get(label, ""), f"Your prediction for {label}",
                                            unit=self.unit, most=self.most)
            except LessonError as exc:
                return f"Not saved yet. {exc}"
        record(self.lesson, self.key, {"values": values, "revealed": False})
        return f"Saved: {self.text(values)}. {self.then}"

    def reveal(self, actual: Mapping[str, object], details: str = "") -> str:
        """Compare the saved prediction with what happened; refuse if nothing was saved."""
        old = self.saved()
        if old is None:
            return ("Save your prediction first (above). A guess made after seeing the answer "
                    "teaches nothing.")
        values = old["values"]
        if not isinstance(actual, Mapping):
            raise LessonTypeError(f"The counts to reveal are a dict, label -> number, like "
                                  f"{{'choreography': 2}}; got {shown(actual)}.")
        valid = ((lambda label, v: v in self.choices[label]) if self.choices is not None
                 else (lambda label, v: _is_count(v)))
        missing = [label for label in self.labels if not valid(label, actual.get(label))]
        if missing:
            raise LessonError(f"The counts to reveal need a whole number for every label; "
                              f"{', '.join(map(repr, missing))} missing or not a number in "
                              f"{shown(actual)}.")
        if not old.get("revealed"):
            record(self.lesson, self.key, {"values": values, "revealed": True})
        if self.choices is not None:
            found = "; ".join(
                f"{label}: {actual[label]} "
                f"({'as you predicted' if values[label] == actual[label] else 'not what you predicted'})"
                for label in self.labels)
            lines = [f"Your prediction: {self.text(values)}.", f"What happened: {found}."]
        else:
            lines = [f"Your prediction: {self.text(values)}.",
                     f"Counted from {self.source}: " + "; ".join(
                         f"{label} {actual[label]} ({_compare(values[label], actual[label])})"
                         for label in self.labels) + "."]
        if details:
            lines.append(details)
        return "\n".join(lines)

    def matches(self, actual: Mapping[str, object]) -> dict[str, bool]:
        """For each label, whether the saved prediction equals ``actual`` (False if unsaved)."""
        old = self.saved()
        return {label: bool(old) and old["values"][label] == actual[label]
                for label in self.labels}


@dataclass(frozen=True)
class PredictionSpec:
    """One prediction a lesson asks for: where, what, and the question put to the student."""

    lesson: str
    key: str
    title: str
    labels: tuple[str, ...]
    prompt: str
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    after: str = ""  # what the reveal explains, never shown before it (paragraphs)

    def prediction(self) -> Prediction:
        return Prediction(self.lesson, self.key, self.labels,
                          dict(self.choices) if self.choices else None)


TRANSPORT_COMMAND = "the command over the queue"
TRANSPORT_EVENT = "the event on the HTTP feed"
#: The answers lesson 01's prediction offers, per label (the demo says which happened).
TRANSPORT_CHOICES = (
    (TRANSPORT_COMMAND, ("Yes: an answer comes back, later",
                         "No: nobody answers a message on a queue",
                         "Only if the sender blocks and waits for it")),
    (TRANSPORT_EVENT, ("Yes: each GET request tells it who read the event",
                       "No: it never learns who read the event",
                       "Only if a reader answers the event, as with a command")),
)
CHAIN = "event chain"
OWNER = "with an order service"

#: Every prediction of the course, in lesson order. The course page counts them.
PREDICTIONS: tuple[PredictionSpec, ...] = (
    PredictionSpec("01_commands_and_events", "two transports", "Meaning vs transport",
                   (TRANSPORT_COMMAND, TRANSPORT_EVENT),
                   "Before the demo runs: will the command sent over the queue get an answer? "
                   "Will the event's emitter on the HTTP feed learn who read the event? "
                   "Choose, then save; the demo below tells you what happened.",
                   TRANSPORT_CHOICES,
                   "Read the report against the myths. The command over the queue was "
                   "asynchronous: `send()` returned with no answer, and the acknowledgement "
                   "came back later on a reply queue. It was still a command: Payment had to "
                   "answer. Expecting an answer is meaning; blocking for it is transport. (A "
                   "Kafka topic would work the same way: a command can be a Kafka record.)\n\n"
                   "The event on the HTTP feed was fetched with plain `GET` requests, and "
                   "Checkout never learnt who read it: nothing went back to it. It was still an "
                   "event: an event can travel on a REST feed.\n\n"
                   "Each line shows a different envelope, and every receiver read exactly the "
                   "payload that was sent. Equal bytes alone do not make the meaning, though: the "
                   "meaning shows in how each message was treated. The evidence lines under the "
                   "summary say it per message and transport: each command had one receiver that "
                   "answered it (acknowledged or rejected); each event got no answer, and its "
                   "emitter never learnt who read it."),
    PredictionSpec("03_the_event_chain_trap", "goods first, chain", "Goods first, in the chain",
                   (CHAIN,),
                   "How many services must change in the event chain to fetch the goods "
                   "before the payment? Type a number and save.",
                   after="Compare the services that must change with the services "
                   "`where_is_the_process` listed above: they are the same. Of course: the "
                   "sequence *is* their subscriptions, so changing the sequence means changing "
                   "them. Each of them is probably owned by a different team, with its own "
                   "release schedule, and all of them must ship together."),
    PredictionSpec("03_the_event_chain_trap", "goods first, owner", "Goods first, with an owner",
                   (OWNER,),
                   "And with the order service that owns the process: how many services must "
                   "change for the same change? Type a number and save.",
                   after="Compare the two counts. With an owner the sequence lives in one "
                   "place, so the change does too. The price was paid earlier, in the coupling: "
                   "the order service depends on Payment, Inventory and Shipping (it sends them "
                   "commands), which is lesson 02's choice made on purpose, because the order "
                   "service is the one that cares that the order is fulfilled."),
    PredictionSpec("03_the_event_chain_trap", "vip invoice", "VIP customers pay by invoice",
                   (CHAIN, OWNER),
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
                   "payment."),
    PredictionSpec("03_the_event_chain_trap", "fraud check", "A fraud check after the payment",
                   (CHAIN, OWNER),
                   "A fraud check must run right after the payment. How many services must "
                   "change (the new one counts) in the chain, and with the order service? "
                   "Type a number for each and save.",
                   after="In the chain *inserting* a step also touches a neighbour: the "
                   "service that used to react to Payment must now react to the fraud check. "
                   "\"A new step only needs a new consumer\" is one of the common beliefs this "
                   "course takes apart; lesson 04 tests it on another change."),
    PredictionSpec("04_criminal_check_exercise", "criminal check", "The criminal check",
                   ("choreography", "orchestration"),
                   "How many services must change (new ones count) to add a criminal check "
                   "to customer onboarding? Type a number for each style, then save.",
                   after="**What the counts say.** The two counts are equal. Look at *which* "
                   "services changed, though.\n\n"
                   "**Choreography moves the coupling to the receiver.** The criminal check "
                   "itself had to know about `RegistrationRequested`, and the Onboarding service, "
                   "the one that decides whether a customer is created, had to learn about "
                   "`CriminalChecked` and wait for it. \"Just add a listener\" was true for the "
                   "check, not for the decision. Onboarding now depends on the criminal check "
                   "all the same; the dependency simply points the other way.\n\n"
                   "**Orchestration adds one place for visibility and control.** The onboarding "
                   "service changed, and the criminal check knows nothing but its own API. The "
                   "new step is visible in the process, and so is its position before "
                   "`CustomerCreated`.\n\n"
                   "So \"choreography is more decoupled\" is a myth *for this change*: the same "
                   "number of services changed, only the direction of the coupling differs. "
                   "Bernd Ruecker makes this point with this exercise in *How to tame "
                   "event-driven microservices* (InfoWorld, 2019). Decoupling is not a property "
                   "of a style; it comes from choosing, link by link, which side should carry "
                   "each dependency (lesson 02)."),
)


def prediction_spec(lesson: str, key: str) -> PredictionSpec:
    """The course's prediction ``key`` of ``lesson``."""
    for spec in PREDICTIONS:
        if spec.lesson == lesson and spec.key == key:
            return spec
    keys = [s.key for s in PREDICTIONS if s.lesson == lesson]
    raise LessonError(f"Lesson {lesson!r} has no prediction {key!r}. {suggest(key, keys)}")


def predictions_of(lesson: str) -> tuple[PredictionSpec, ...]:
    """The predictions ``lesson`` asks for, in order."""
    return tuple(spec for spec in PREDICTIONS if spec.lesson == lesson)


def transport_outcome(report) -> dict[str, str]:
    """What lesson 01's demo showed, as the answers of its prediction.

    ``report`` is the :class:`~lessonlib.transport.TransportReport` of
    :func:`~lessonlib.transport.same_message_two_envelopes`.
    """
    command = next(d for d in report.deliveries
                   if d.received.kind == "command" and not d.sender_waited)
    feed = [d for d in report.deliveries
            if d.received.kind == "event" and d.transport.startswith("HTTP")]
    answers = dict(TRANSPORT_CHOICES)
    got_answer = command.reply is not None
    learnt = any(d.reply is not None for d in feed)  # an answer would tell the emitter
    return {TRANSPORT_COMMAND: answers[TRANSPORT_COMMAND][0 if got_answer else 1],
            TRANSPORT_EVENT: answers[TRANSPORT_EVENT][0 if learnt else 1]}
