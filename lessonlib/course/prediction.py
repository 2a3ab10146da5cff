"""Predict, then count: a learner's prediction is saved before the answer is shown.

Pure logic here; the widgets are thin views in :mod:`lessonlib.widgets.prediction`.
The course's predictions are activities (:mod:`lessonlib.course.activities`,
where each is declared with its labels, prompt and explanation); a
:class:`Prediction` is one of them in a student's hands. It is saved with
:func:`lessonlib.course.submit.submit` (in the progress file, so it survives a
kernel restart, and sent to the class on a hub), and it is locked once the
answer has been revealed: a guess made after seeing the answer teaches nothing.
Introduced in ``04_criminal_check_exercise.ipynb``.

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

from lessonlib.course.activities import (
    FALSE_ALARM_CHOICES,
    LEDGER_CHOICES,
    TRANSPORT_CHOICES,
    Activity,
    activities,
    activity,
    prediction,
)
from lessonlib.course.progress import recall, record
from lessonlib.course.quiz import MAX_COUNT, parse_count
from lessonlib.course.submit import submit
from lessonlib.errors import LessonError, LessonTypeError, shown

__all__ = ["parse_count", "Prediction", "find_prediction", "prediction_spec", "predictions_of",
           "transport_answers", "ledger_answers", "false_alarm_answers", "TRANSPORT_CHOICES",
           "LEDGER_CHOICES", "FALSE_ALARM_CHOICES"]

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
        self.activity = prediction((lesson, key), key, labels, choices=choices, unit=unit,
                                   most=most, source=source, then=then)

    @classmethod
    def of(cls, a: Activity) -> Prediction:
        """The prediction activity ``a`` (from :func:`~lessonlib.course.activities.activity`)."""
        if not isinstance(a, Activity) or a.kind != "prediction":
            raise LessonTypeError(f"Prediction.of() takes a prediction activity, like "
                                  f"activity('04_criminal_check_exercise', 'criminal check'); "
                                  f"got {shown(a)}.")
        made = cls.__new__(cls)
        made.activity = a
        return made

    lesson = property(lambda self: self.activity.lesson, doc="The lesson id.")
    key = property(lambda self: self.activity.key, doc="The prediction's key in its lesson.")
    labels = property(lambda self: self.activity.labels, doc="What is predicted.")
    unit = property(lambda self: self.activity.unit, doc="What is counted.")
    most = property(lambda self: self.activity.most, doc="The largest sensible count.")
    source = property(lambda self: self.activity.source, doc="Where the answer comes from.")
    then = property(lambda self: self.activity.then, doc="What to do after saving.")

    @property
    def choices(self) -> dict[str, tuple[str, ...]] | None:
        """For a prediction that picks answers: each label -> its answers; else None."""
        return dict(self.activity.choices) if self.activity.shape == "choices" else None

    def _valid(self, label: str, value: object) -> bool:
        if self.choices is not None:
            return isinstance(value, str) and value in self.choices[label]
        return _is_count(value)

    def saved(self) -> dict | None:
        """The saved record ``{"values": {...}, "revealed": bool}``, or None.

        A record an earlier release saved under other labels is read with today's
        (:meth:`~lessonlib.course.activities.Activity.relabelled`).
        """
        value = recall(self.lesson, self.key)
        if not (isinstance(value, dict) and isinstance(value.get("values"), dict)):
            return None  # nothing saved, or a record of another shape: treat as unsaved
        value = {**value, "values": self.activity.relabelled(value["values"])}
        if all(self._valid(k, value["values"].get(k)) for k in self.labels):
            return value
        return None

    @property
    def revealed(self) -> bool:
        """Whether the answer was shown (the prediction is then locked)."""
        saved = self.saved()
        return bool(saved and saved.get("revealed"))

    def caption(self, label: str) -> str:
        """What the learner reads for ``label`` (lesson 03 shows "event chain" for
        ``"choreography"``)."""
        return self.activity.caption(label)

    def text(self, values: Mapping[str, object]) -> str:
        """The values as the widget shows them: ``"choreography 1, orchestration 2"``."""
        sep = ": " if self.choices is not None else " "
        return ", ".join(f"{self.caption(label)}{sep}{values[label]}" for label in self.labels)

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
                    return (f"Not saved yet. Choose one answer for {self.caption(label)}: "
                            f"{options}.")
                values[label] = value
                continue
            try:
                values[label] = parse_count(texts.get(label, ""),
                                            f"Your prediction for {self.caption(label)}",
                                            unit=self.unit, most=self.most)
            except LessonError as exc:
                return f"Not saved yet. {exc}"
        saved = f"Saved: {self.text(values)}. {self.then}"
        if old is not None and old["values"] == values:
            return saved  # the same prediction again: nothing new to hand in
        return "\n".join([saved, *submit(self.activity, values)])

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
                f"{self.caption(label)}: {actual[label]} "
                f"({'as you predicted' if values[label] == actual[label] else 'not what you predicted'})"
                for label in self.labels)
            lines = [f"Your prediction: {self.text(values)}.", f"What happened: {found}."]
        else:
            lines = [f"Your prediction: {self.text(values)}.",
                     f"Counted from {self.source}: " + "; ".join(
                         f"{self.caption(label)} {actual[label]} "
                         f"({_compare(values[label], actual[label])})"
                         for label in self.labels) + "."]
        lines += self.beliefs(actual)
        if details:
            lines.append(details)
        return "\n".join(lines)

    def beliefs(self, actual: Mapping[str, object]) -> list[str]:
        """For each label the saved prediction missed, the belief behind that answer (from
        the prediction's feedback, :meth:`~lessonlib.course.activities.Activity.feedback_for`):
        one sentence each, or none when the prediction has nothing to say about it."""
        old = self.saved()
        if old is None:
            return []
        lines = []
        for label in self.labels:
            said = old["values"][label]
            text = self.activity.feedback_for(label, said) if said != actual.get(label) else ""
            if text:
                what = f"“{said}”" if self.choices is not None else str(said)
                lines.append(f"You said {what} for {self.caption(label)}. {text}")
        return lines

    def matches(self, actual: Mapping[str, object]) -> dict[str, bool]:
        """For each label, whether the saved prediction equals ``actual`` (False if unsaved)."""
        old = self.saved()
        return {label: bool(old) and old["values"][label] == actual[label]
                for label in self.labels}


def find_prediction(lesson: str, key: str, labels: Iterable[str] | None = None,
                    **settings) -> Prediction:
    """The course's prediction ``key`` of ``lesson``; with ``labels`` (and the ``settings``
    of :class:`Prediction`), a prediction of your own, saved with your progress only.

    >>> find_prediction("03_the_event_chain_trap", "drop-the-warehouse")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: 'drop-the-warehouse' of 03_the_event_chain_trap is a quiz activity, not a prediction.
    """
    if labels is not None:
        return Prediction(lesson, key, labels, **settings)
    found = activity(lesson, key)
    if found.kind != "prediction":
        raise LessonError(f"{found.key!r} of {lesson} is a {found.kind} activity, not a "
                          "prediction.")
    return Prediction.of(found)


def prediction_spec(lesson: str, key: str) -> Activity:
    """The course's prediction ``key`` of ``lesson`` (kept for one release:
    ``find_prediction(lesson, key).activity``)."""
    return find_prediction(lesson, key).activity


def predictions_of(lesson: str) -> tuple[Activity, ...]:
    """The predictions ``lesson`` asks for, in order (kept for one release:
    ``activities(lesson, "prediction")``)."""
    return activities(lesson, "prediction")


def transport_answers(report) -> dict[str, str]:
    """What lesson 01's demo showed, as the answers of its prediction.

    ``report`` is the :class:`~lessonlib.transport.TransportReport` of
    :func:`~lessonlib.transport.same_message_two_envelopes`.
    """
    command = next(d for d in report.receipts
                   if d.received.kind == "command" and not d.sender_waited)
    feed = {d.receiver for d in report.receipts
            if d.received.kind == "event" and d.transport.startswith("HTTP")}
    (about_command, command_answers), (about_event, event_answers) = TRANSPORT_CHOICES
    got_answer = command.reply is not None
    seen = bool(feed & set(report.readers_learnt))  # the feed's server could name a reader
    event = 0 if not seen else 1 if report.emitted_alike else 2
    return {about_command: command_answers[0 if got_answer else 1],
            about_event: event_answers[event]}


transport_outcome = transport_answers  # old name, kept until 0.3


def ledger_answers(ledger) -> dict[str, str]:
    """What lesson 02's ledger counted, as the answers of its prediction.

    ``ledger`` is :func:`lessonlib.ledger.ledger`'s result: the second reactor's winner
    (the style with fewer services to change) and which hubs' outage stops every order.

    >>> from lessonlib.ledger import ledger
    >>> ledger_answers(ledger())["an outage"]
    'Either outage stops every order'
    """
    from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION

    (reactor, reactor_answers), (outage, outage_answers) = LEDGER_CHOICES
    winner = ledger.entry(reactor).winner
    stops = {style: hub.stops_every_order for style, hub in ledger.hubs.items()}
    if not any(stops.values()):
        raise LessonError("Neither hub carries every message of an order, so no answer of the "
                          "prediction fits; the ledger's models have changed.")
    which = (1 if all(stops.values()) else 0 if stops[ORCHESTRATION] else 2)
    return {reactor: reactor_answers[{CHOREOGRAPHY: 0, ORCHESTRATION: 1, None: 2}[winner]],
            outage: outage_answers[which]}


def false_alarm_answers(report) -> dict[str, str]:
    """What lesson 07's detector found for OrderPlaced, as the answer of its prediction.

    ``report`` is :func:`lessonlib.disguise.detect`'s report on the costume catalogue.

    >>> from lessonlib.disguise import detect
    >>> from lessonlib.scenarios import costume_catalogue
    >>> false_alarm_answers(detect(costume_catalogue()))
    {'OrderPlaced, with one subscriber': 'An honest event: one subscriber today proves nothing'}
    """
    from lessonlib.disguise import AMBIGUOUS, DISGUISED, HONEST

    ((label, answers),) = FALSE_ALARM_CHOICES
    verdict = report.finding("OrderPlaced").verdict
    by_verdict = dict(zip((DISGUISED, HONEST, AMBIGUOUS), answers, strict=True))
    if verdict not in by_verdict:
        raise LessonError(f"The detector reads OrderPlaced as {verdict!r}, which no answer of "
                          "the prediction names.")
    return {label: by_verdict[verdict]}
