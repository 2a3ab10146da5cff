"""Small English for sentences built from models: plurals, "a"/"an", "A, B and C";
and the two kinds of text a lesson shows, :class:`Sentences` and :class:`Table`.

Said once, so every report counts and lists the same way.

>>> plural(1, "service"), plural(3, "service"), plural(2, "process", "processes")
('1 service', '3 services', '2 processes')
>>> a_an("event"), a_an("command")
('an event', 'a command')
>>> and_list(["Payment"]), and_list(["Payment", "Inventory", "Shipping"])
('Payment', 'Payment, Inventory and Shipping')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["plural", "noun", "a_an", "and_list", "Sentences", "Table"]


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


class Sentences(str):
    """Sentences a lesson shows: a ``str`` (print it, compare it, search it) that a notebook
    displays as text, never as monospace output.

    Left as a cell's last value (or given to ``display``), it shows in JupyterLab as HTML
    text that wraps between words (:mod:`lessonlib.cards.text`), with the sentences as
    the plain-text fallback, where a plain ``str`` would show its quoted repr and
    ``print`` monospace lines that break inside words. How it reads: a blank line starts a
    new paragraph; lines starting ``- `` are a list; indented lines are the items of the
    line above them, and a long run of them is folded under that line.

    >>> text = Sentences("Two links.\\n- Payment depends on Checkout")
    >>> text == "Two links.\\n- Payment depends on Checkout", isinstance(text, str)
    (True, True)
    """

    __slots__ = ()


class Table(Sentences):
    """A table as text: ``head`` (column titles) and ``rows``, aligned in columns as a
    ``str``; a notebook shows it as an HTML table with its header row.

    >>> table = Table(("style", "stuck"), [("event chain", 18), ("owner", 0)])
    >>> print(table)
    style        stuck
    event chain     18
    owner            0
    >>> table.head, table.rows
    (('style', 'stuck'), (('event chain', '18'), ('owner', '0')))
    """

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str

    def __new__(cls, head: Sequence[object], rows: Iterable[Sequence[object]],
                caption: str = "") -> Table:
        head = tuple(str(h) for h in head)
        rows = tuple(tuple(str(c) for c in row) for row in rows)
        widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]

        def line(row: tuple[str, ...]) -> str:
            # Words left, numbers right, as a table is read.
            return "  ".join((c.rjust(w) if c.lstrip("-").isdigit() else c.ljust(w))
                             for c, w in zip(row, widths, strict=True)).rstrip()

        text = "\n".join(([caption] if caption else []) + [line(head)]
                         + [line(r) for r in rows])
        table = super().__new__(cls, text)
        table.head, table.rows, table.caption = head, rows, caption
        return table
