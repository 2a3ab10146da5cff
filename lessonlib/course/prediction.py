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

from lessonlib.course.progress import recall, record
from lessonlib.errors import LessonError, LessonTypeError, check_name, items, shown

__all__ = ["parse_count", "Prediction"]

_WORDS = {"zero": 0, "none": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4,
          "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
MAX_COUNT = 99


def parse_count(text: object, what: str = "A prediction", *, unit: str = "services",
                most: int = MAX_COUNT) -> int:
    """Read a count typed by a learner ("2", " two ", "Two") of ``unit`` (at most ``most``).

    Raises :class:`~lessonlib.errors.LessonError` with a sentence for anything else.

    >>> parse_count("250", unit="orders", most=200)
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: A prediction of 250 orders is more than there are: at most 200.
    """
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise LessonTypeError(f"{what} is a whole number of {unit}, like 2; got {shown(text)}.")
    cleaned = str(text).strip().lower().rstrip(".")
    if not cleaned:
        raise LessonError(f"{what} is still empty: type a whole number of {unit}, like 2.")
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    digits = cleaned.lstrip("-")
    if digits.isascii() and digits.isdigit() and len(digits) <= 6:
        value = int(cleaned)
        if value < 0:
            raise LessonError(f"{what} cannot be negative; got {shown(text)}.")
        if value > most:
            if unit == "services":
                raise LessonError(f"{what} of {value} services is more than these systems have; "
                                  "count the services in the picture.")
            raise LessonError(f"{what} of {value} {unit} is more than there are: at most {most}.")
        return value
    raise LessonError(f"{what} is one whole number of {unit}, like 2 or 'two'; got "
                      f"{shown(text)}.")


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10 ** 6


def _compare(predicted: int, actual: int) -> str:
    if predicted == actual:
        return "as you predicted"
    diff = abs(actual - predicted)
    return f"{diff} {'more' if actual > predicted else 'fewer'} than you predicted"


class Prediction:
    """A learner's prediction of a few counts, kept in the progress file.

    Parameters
    ----------
    lesson : str
        The lesson id, e.g. ``"04_criminal_check_exercise"``.
    key : str
        A name for this prediction within the lesson.
    labels : iterable of str
        What is predicted, e.g. ``["choreography", "orchestration"]``.
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
    >>> if saved_env is None:
    ...     del os.environ["LESSONLIB_PROGRESS"]
    ... else:
    ...     os.environ["LESSONLIB_PROGRESS"] = saved_env
    """

    def __init__(self, lesson: str, key: str, labels: Iterable[str], *, unit: str = "services",
                 most: int = MAX_COUNT, source: str = "the models",
                 then: str = "Now make the change and count."):
        self.unit = check_name(unit, "unit (what is counted)")
        self.source = check_name(source, "source (where the answer comes from)")
        self.then = check_name(then, "sentence to show after saving")
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

    def saved(self) -> dict | None:
        """The saved record ``{"values": {...}, "revealed": bool}``, or None."""
        value = recall(self.lesson, self.key)
        if (isinstance(value, dict) and isinstance(value.get("values"), dict)
                and all(isinstance(value["values"].get(k), int) for k in self.labels)):
            return value
        return None  # nothing saved, or a record of another shape: treat as unsaved

    def text(self, values: Mapping[str, int]) -> str:
        """The values as the widget shows them: ``"choreography 1, orchestration 2"``."""
        return ", ".join(f"{label} {values[label]}" for label in self.labels)

    def save(self, texts: Mapping[str, object]) -> str:
        """Parse and save the learner's answers; return a sentence for the widget.

        Bad input is answered with a sentence; nothing is saved until every
        answer reads as a number.
        """
        old = self.saved()
        if old is not None and old.get("revealed"):
            return (f"You have seen the counts, so your prediction stays as you saved it "
                    f"before: {self.text(old['values'])}.")
        values = {}
        for label in self.labels:
            try:
                values[label] = parse_count(texts.get(label, ""), f"Your prediction for {label}",
                                            unit=self.unit, most=self.most)
            except LessonError as exc:
                return f"Not saved yet. {exc}"
        record(self.lesson, self.key, {"values": values, "revealed": False})
        return f"Saved: {self.text(values)}. {self.then}"

    def reveal(self, actual: Mapping[str, int], details: str = "") -> str:
        """Compare the saved prediction with the counts; refuse if nothing was saved."""
        old = self.saved()
        if old is None:
            return ("Save your prediction first (above). A guess made after seeing the answer "
                    "teaches nothing.")
        values = old["values"]
        if not isinstance(actual, Mapping):
            raise LessonTypeError(f"The counts to reveal are a dict, label -> number, like "
                                  f"{{'choreography': 2}}; got {shown(actual)}.")
        missing = [label for label in self.labels if not _is_count(actual.get(label))]
        if missing:
            raise LessonError(f"The counts to reveal need a whole number for every label; "
                              f"{', '.join(map(repr, missing))} missing or not a number in "
                              f"{shown(actual)}.")
        if not old.get("revealed"):
            record(self.lesson, self.key, {"values": values, "revealed": True})
        lines = [f"Your prediction: {self.text(values)}.",
                 f"Counted from {self.source}: " + "; ".join(
                     f"{label} {actual[label]} ({_compare(values[label], actual[label])})"
                     for label in self.labels) + "."]
        if details:
            lines.append(details)
        return "\n".join(lines)
