"""The one family of errors a learner sees from lessonlib.

Every public function checks its input and raises :class:`LessonError` (or a
subclass) with a message written for a learner: the rule that was broken,
the bad value shown with ``repr``, and the valid choices or the nearest match.
This module is public, so a learner's traceback names ``lessonlib.errors``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["LessonError", "LessonTypeError", "LessonWarning", "suggest", "check_name", "choose",
           "check_number"]


class LessonError(ValueError):
    """A value a learner passed breaks one of the course's rules."""


class LessonTypeError(LessonError, TypeError):
    """A value of the wrong kind (a number where a name belongs, say)."""


class LessonWarning(UserWarning):
    """Something worth a learner's attention that is not an error."""


def _quote_all(names: Iterable[str], limit: int = 12) -> str:
    names = list(names)
    shown = ", ".join(repr(n) for n in names[:limit])
    if len(names) > limit:
        shown += f", ... ({len(names) - limit} more)"
    return shown or "(none yet)"


def suggest(bad: object, valid: Iterable[str]) -> str:
    """Return a sentence offering the nearest valid name, or all of them.

    >>> suggest("Paymnet", ["Checkout", "Payment", "Inventory"])
    "Did you mean 'Payment'?"
    >>> suggest("xyz", ["a", "b"])
    "Valid names are: 'a', 'b'."
    """
    valid = list(valid)
    if isinstance(bad, str):
        lowered = {v.lower(): v for v in valid}
        if bad.lower() in lowered:
            return f"Did you mean {lowered[bad.lower()]!r}? (Names are case-sensitive.)"
        folded = difflib.get_close_matches(bad.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in folded]
        if close:
            return f"Did you mean {close[0]!r}?"
    return f"Valid names are: {_quote_all(valid)}."


def check_name(value: object, what: str) -> str:
    """Return ``value`` stripped if it is a non-empty string, else raise.

    >>> check_name("  Payment ", "service name")
    'Payment'
    >>> check_name(42, "service name")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonTypeError: A service name must be a string, like 'Payment'; got 42 (int).
    """
    if not isinstance(value, str):
        raise LessonTypeError(
            f"A {what} must be a string, like 'Payment'; got {value!r} ({type(value).__name__})."
        )
    stripped = value.strip()
    if not stripped:
        raise LessonError(f"A {what} must not be empty; got {value!r}.")
    return stripped


def choose(value: object, valid: Iterable[str], what: str) -> str:
    """Return ``value`` if it is one of ``valid``; otherwise raise a helpful error.

    >>> choose("event", ["command", "event"], "message kind")
    'event'
    >>> choose("evnet", ["command", "event"], "message kind")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown message kind 'evnet'. Did you mean 'event'?
    """
    valid = list(valid)
    name = check_name(value, what)
    if name in valid:
        return name
    raise LessonError(f"Unknown {what} {value!r}. {suggest(name, valid)}")


def check_number(value: object, what: str, low: float = 0.0, high: float | None = None) -> float:
    """Return ``value`` as a float if it is a number from ``low`` to ``high``; else raise.

    >>> check_number(5, "A time frame")
    5.0
    >>> check_number(-1, "A time frame")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: A time frame must be at least 0; got -1.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LessonTypeError(f"{what} must be a number; got {value!r} ({type(value).__name__}).")
    if value != value or value < low or (high is not None and value > high):
        bounds = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
        raise LessonError(f"{what} must be {bounds}; got {value!r}.")
    return float(value)
