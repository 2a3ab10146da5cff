"""Small English for sentences built from models: plurals, "a"/"an", "A, B and C".

Said once, so every report counts and lists the same way.

>>> plural(1, "service"), plural(3, "service"), plural(2, "process", "processes")
('1 service', '3 services', '2 processes')
>>> a_an("event"), a_an("command")
('an event', 'a command')
>>> and_list(["Payment"]), and_list(["Payment", "Inventory", "Shipping"])
('Payment', 'Payment, Inventory and Shipping')
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["plural", "noun", "a_an", "and_list"]


def noun(n: int, word: str, many: str | None = None) -> str:
    """``word`` or its plural for a count of ``n`` (the count itself left out).

    >>> noun(1, "link"), noun(0, "link")
    ('link', 'links')
    """
    return word if n == 1 else (many or word + "s")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is 1: ``"3 services"``."""
    return f"{n} {noun(n, word, many)}"


def a_an(word: str) -> str:
    """``word`` with its indefinite article: ``"an event"``, ``"a command"``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def and_list(items: Iterable[str], empty: str = "") -> str:
    """``"A"``, ``"A and B"``, ``"A, B and C"``; ``empty`` when there is nothing."""
    items = [str(i) for i in items]
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
