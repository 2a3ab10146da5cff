"""The one family of errors a learner sees from lessonlib.

Every public function checks its input and raises :class:`LessonError` (or a
subclass) with a message written for a learner: the rule that was broken,
the bad value shown with ``repr``, and the valid choices or the nearest match.
This module is public, so a learner's traceback names ``lessonlib.errors``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable

__all__ = ["LessonError", "LessonTypeError", "LessonWarning", "suggest", "check_name", "choose",
           "check_number", "shown", "items", "MAX_NAME"]

#: The longest name (of a service, a message, a lesson...) a message compares in full.
MAX_NAME = 200


class LessonError(ValueError):
    """A value a learner passed breaks one of the course's rules."""


class LessonTypeError(LessonError, TypeError):
    """A value of the wrong kind (a number where a name belongs, say)."""


class LessonWarning(UserWarning):
    """Something worth a learner's attention that is not an error."""


def shown(value: object, limit: int = 80) -> str:
    """``repr(value)`` made fit for a sentence: short values as they are, long ones cut.

    A 10,000-character string is shown by its start and its length, a number too
    big to print by its size, and a value whose ``repr`` fails by its type.

    >>> shown("Payment")
    "'Payment'"
    >>> shown("x" * 10_000)[-27:]
    'xxxx... (10,002 characters)'
    >>> shown(10 ** 5000)
    'a whole number of 5,001 digits'
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        digits = math.floor(math.log10(abs(value))) + 1 if value.bit_length() < 10**6 else None
        size = f"{digits:,} digits" if digits else "millions of digits"
        return f"a whole number of {size}"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails is shown by its kind
        return f"a {type(value).__name__}"
    if len(text) > limit:
        text = f"{text[:limit - 20]}... ({len(text):,} characters)"
    return text


def _quote_all(names: Iterable[str], limit: int = 12) -> str:
    names = list(names)
    listed = ", ".join(shown(n) for n in names[:limit])
    if len(names) > limit:
        listed += f", ... ({len(names) - limit} more)"
    return listed or "(none yet)"


def suggest(bad: object, valid: Iterable[str]) -> str:
    """Return a sentence offering the nearest valid name, or all of them.

    >>> suggest("Paymnet", ["Checkout", "Payment", "Inventory"])
    "Did you mean 'Payment'?"
    >>> suggest("xyz", ["a", "b"])
    "Valid names are: 'a', 'b'."
    """
    valid = list(valid)
    if isinstance(bad, str) and len(bad) <= MAX_NAME:
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
            f"A {what} must be a string, like 'Payment'; got {shown(value)} "
            f"({type(value).__name__})."
        )
    stripped = value.strip()
    if not stripped:
        raise LessonError(f"A {what} must not be empty; got {shown(value)}.")
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
    raise LessonError(f"Unknown {what} {shown(value)}. {suggest(name, valid)}")


def items(value: object, what: str, like: str) -> list:
    """Return the items of ``value`` as a list if it is a collection (not a string); else raise.

    ``what`` names the value in the sentence, ``like`` shows a valid one.

    >>> items(("Payment", "Inventory"), "services", "['Payment']")
    ['Payment', 'Inventory']
    >>> items(None, "The services", "['Payment']")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonTypeError: The services must be a list, like ['Payment']; got None (NoneType).
    """
    if not isinstance(value, (str, bytes, dict)):
        try:
            return list(value)
        except TypeError:
            pass
    raise LessonTypeError(f"{what} must be a list, like {like}; got {shown(value)} "
                          f"({type(value).__name__}).")


def check_number(value: object, what: str, low: float = 0.0, high: float | None = None) -> float:
    """Return ``value`` as a float if it is a finite number from ``low`` to ``high``; else raise.

    NaN and the infinities are never accepted: a simulated clock cannot reach them.

    >>> check_number(5, "A time frame")
    5.0
    >>> check_number(-1, "A time frame")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: A time frame must be at least 0; got -1.
    >>> check_number(float("inf"), "A time frame", high=10_000)
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: A time frame must be a finite number, at least 0 and at most 10,000; got inf.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LessonTypeError(f"{what} must be a number; got {shown(value)} "
                              f"({type(value).__name__}).")
    bounds = f"at least {low:,g}" + (f" and at most {high:,g}" if high is not None else "")
    if isinstance(value, float) and not math.isfinite(value):
        raise LessonError(f"{what} must be a finite number, {bounds}; got {shown(value)}.")
    if value < low:
        raise LessonError(f"{what} must be {bounds}; got {shown(value)}.")
    if high is not None and value > high:
        raise LessonError(f"{what} must be between {low:,g} and {high:,g}; got {shown(value)}.")
    try:
        return float(value)
    except OverflowError:  # an int beyond any float, and no upper bound was given
        raise LessonError(f"{what} must be a number a computer can hold; got "
                          f"{shown(value)}.") from None
