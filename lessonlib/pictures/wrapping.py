"""Text broken into lines to fit a picture: the one wrapper every figure uses.

Text is measured in inches at its font size (:func:`~lessonlib.pictures.sizes.text_extent`),
so a line fits what the picture has room for. Each picture asks for the breaks it
needs; the keywords say how:

* by default every line is filled with as many words as fit (a title, a
  tree's question); ``keep_lines=False`` joins the text's own lines first;
* ``lines=2`` breaks at most once, and only a text wider than ``width``: between
  the words that make the two lines most even (a service's name in its box),
  at the first space (``cut="first"``, a lifeline's head), or before a capital
  letter or at a space (``at="capitals"``, a CamelCase message name);
* without ``size``, ``width`` counts characters (the hosting picture's labels).

>>> wrap("Order fulfilment, choreographed", 1.5, size=11.0)
['Order fulfilment,', 'choreographed']
>>> wrap("Customer onboarding service", 1.0, size=9.5, bold=True, lines=2)
['Customer', 'onboarding service']
>>> wrap("Address check", 0.5, size=9.5, bold=True, lines=2, cut="first")
['Address', 'check']
>>> wrap("CustomerNeedsToBeSentAWelcomeLetterEvent", 1.7, size=8.5, lines=2, at="capitals")
['CustomerNeedsToBeSent', 'AWelcomeLetterEvent']
>>> wrap("commands RetrievePayment and RefundPayment", 24)
['commands RetrievePayment', 'and RefundPayment']
"""

from __future__ import annotations

import re
import textwrap

from lessonlib.pictures.sizes import text_extent

__all__ = ["wrap"]

#: Where a CamelCase name may break: before a capital (or a bracket) that follows a small
#: letter, a digit or a bracket, or at a space.
_CAPITAL = re.compile(r"(?<=[a-z0-9)])(?=[A-Z(])| ")


def wrap(text: str, width: float, *, size: float | None = None, bold: bool = False,
         lines: int | None = None, cut: str = "even", at: str = "spaces",
         keep_lines: bool = True) -> list[str]:
    """``text`` as lines no wider than ``width`` (inches at ``size`` points; characters
    without ``size``), where they can be.

    A single word wider than ``width`` stays whole. See the module's docstring for
    ``lines``, ``cut``, ``at`` and ``keep_lines``.
    """
    if size is None:
        return textwrap.wrap(text, int(width), break_long_words=False)
    if lines is None:
        rows = text.splitlines() if keep_lines else [" ".join(text.split())]
        return [line for row in rows for line in _fill(row, width, size, bold)]
    if lines != 2:
        raise ValueError(f"wrap() breaks a text into as many lines as needed (lines=None) "
                         f"or at most two (lines=2); got lines={lines!r}.")
    if text_extent(text, size, bold)[0] <= width:
        return [text]
    if at == "capitals":
        return _cut_at_capital(text, size, bold)
    if " " not in text:
        return [text]
    if cut == "first":
        first, _, rest = text.partition(" ")
        return [first, rest]
    return _cut_evenly(text, size, bold)


def _fill(row: str, width: float, size: float, bold: bool) -> list[str]:
    """One line of text, broken between words: each line takes as many words as fit."""
    lines, current = [], ""
    for word in row.split(" "):
        trial = f"{current} {word}".strip()
        if current and text_extent(trial, size, bold)[0] > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current]


def _cut_evenly(text: str, size: float, bold: bool) -> list[str]:
    """Two lines, cut between the words where the wider of the two is narrowest."""
    words = text.split(" ")
    best = min(range(1, len(words)), key=lambda i: max(
        text_extent(" ".join(words[:i]), size, bold)[0],
        text_extent(" ".join(words[i:]), size, bold)[0]))
    return [" ".join(words[:best]), " ".join(words[best:])]


def _cut_at_capital(text: str, size: float, bold: bool) -> list[str]:
    """Two lines, cut before a capital letter (or at a space) where their widths differ least."""
    cuts = [m.start() for m in _CAPITAL.finditer(text)]
    if not cuts:
        return [text]
    best = min(cuts, key=lambda i: abs(text_extent(text[:i], size, bold)[0]
                                       - text_extent(text[i:], size, bold)[0]))
    return [text[:best].rstrip(), text[best:].lstrip()]
