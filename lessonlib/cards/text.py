"""Text a lesson shows, as HTML that wraps between words: never monospace stream output.

``print()`` in a notebook gives monospace lines that JupyterLab breaks inside words
("Shipping e / xists") and a screen reader reads as one block; a domain text
(:class:`lessonlib.prose.Sentences`, :class:`lessonlib.prose.Table`) left as a cell's last
value shows as this HTML instead, with its sentences as the plain-text fallback
(:func:`lessonlib.cards.reports.register`). The same reading serves widgets that show
sentences a domain function wrote (a reveal's comparison, a lab's verdict):

- a blank line starts a new paragraph, each other line is a paragraph of its own;
- lines starting ``- `` are a list;
- indented lines are the items of the line above them (deeper indentation nests);
  numbered ones (``1. send ...``) an ordered list;
- an outline (a block whose first line has lines indented under it) of more than
  :data:`FOLD_AFTER` lines is folded: a ``<details>`` whose summary is its first line, so
  a long outline (a BPMN one) costs one line until opened; long prose is never folded.

>>> print(text_html("Two links.\\n- Payment depends on Checkout\\n- Shipping <waits>"))
<div class="lessonlib-text" style="overflow-wrap: break-word;"><p>Two links.</p><ul><li>Payment depends on Checkout</li><li>Shipping &lt;waits&gt;</li></ul></div>
>>> print(text_html("Steps:\\n  1. send\\n  2. wait"))
<div class="lessonlib-text" style="overflow-wrap: break-word;"><p>Steps:</p><ol><li>send</li><li>wait</li></ol></div>
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lessonlib.cards.markup import markup
from lessonlib.prose import Table

__all__ = ["text_html", "table_html", "FOLD_AFTER", "CSS"]

#: A block of more lines than this folds away under its first line.
FOLD_AFTER = 12
CSS = "lessonlib-text"
_NUMBERED = re.compile(r"(\d+)\. (.*)$")
_STYLE_TABLE = "border-collapse: collapse; margin: 6px 0;"
_STYLE_CELL = ("text-align: left; vertical-align: top; padding: 3px 14px 3px 0; "
               "border-bottom: 1px solid var(--jp-border-color2, #e1e4e8);")


@dataclass
class _Item:
    text: str
    indent: int
    children: list[_Item] = field(default_factory=list)


def _tree(lines: list[str]) -> list[_Item]:
    """Lines as items: an indented line (or a "- " line under a plain one) belongs to the
    nearest line above it with less indentation."""
    roots: list[_Item] = []
    stack: list[_Item] = []
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        item = _Item(line.strip(), indent)
        while stack and stack[-1].indent >= indent:
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots


def _inline(text: str) -> str:
    return markup(text, quote=False)


def _kind(item: _Item) -> str:
    if _NUMBERED.match(item.text):
        return "numbered"
    return "bullet" if item.text.startswith("- ") else "plain"


def _runs(items: list[_Item]) -> list[list[_Item]]:
    """Consecutive items of one kind (numbered, "- " bullets, plain lines)."""
    runs: list[list[_Item]] = []
    for item in items:
        if runs and _kind(runs[-1][-1]) == _kind(item):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _list(items: list[_Item]) -> str:
    """Items as lists: numbered ones an ``<ol>``, bullets a ``<ul>``, plain lines a list
    without markers; each item's own items nested under it."""
    out = []
    for run in _runs(items):
        kind = _kind(run[0])
        tag, attributes = ("ol", "") if kind == "numbered" else ("ul", "")
        if kind == "numbered":
            first = _NUMBERED.match(run[0].text).group(1)
            attributes = "" if first == "1" else f' start="{first}"'
            texts = [_NUMBERED.match(i.text).group(2) for i in run]
        elif kind == "bullet":
            texts = [i.text[2:] for i in run]
        else:  # plain lines: a list without markers
            attributes = ' style="list-style: none; padding-left: 1.2em;"'
            texts = [i.text for i in run]
        lis = "".join(f"<li>{_inline(t)}{_list(i.children) if i.children else ''}</li>"
                      for t, i in zip(texts, run, strict=True))
        out.append(f"<{tag}{attributes}>{lis}</{tag}>")
    return "".join(out)


def _block(lines: list[str]) -> str:
    """One block (no blank line in it): plain top lines are paragraphs, their indented
    lines lists under them, "- " lines a list; an outline (its first line has lines
    indented under it) of more than :data:`FOLD_AFTER` lines is folded under its first
    line."""
    items = _tree(lines)
    if len(lines) > FOLD_AFTER and items[0].children:  # a long outline, not long prose
        first, rest = items[0], items[1:]
        inner = _list(first.children) + (_block_items(rest) if rest else "")
        return (f'<details class="lessonlib-fold"><summary style="cursor: pointer;">'
                f"{_inline(first.text)}</summary>{inner}</details>")
    return _block_items(items)


def _block_items(items: list[_Item]) -> str:
    out = []
    for run in _runs(items):
        if _kind(run[0]) == "plain":
            out += [f"<p>{_inline(i.text)}</p>" + (_list(i.children) if i.children else "")
                    for i in run]
        else:
            out.append(_list(run))
    return "".join(out)


def table_html(table: Table) -> str:
    """A :class:`~lessonlib.prose.Table` as an HTML table with its header row."""
    caption = (f'<caption style="text-align: left; padding: 2px 0;">{_inline(table.caption)}'
               "</caption>" if table.caption else "")
    head = "".join(f'<th scope="col" style="{_STYLE_CELL}">{_inline(h)}</th>'
                   for h in table.head)
    body = "".join("<tr>" + "".join(f'<td style="{_STYLE_CELL}">{_inline(c)}</td>' for c in row)
                   + "</tr>" for row in table.rows)
    return (f'<table style="{_STYLE_TABLE}">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def text_html(text: str) -> str:
    """``text`` (sentences, a list, an outline or a :class:`~lessonlib.prose.Table`) as HTML
    that wraps between words, read as the module's docstring says; every character
    escaped, `backticks` as code."""
    if isinstance(text, Table):
        body = table_html(text)
    else:
        blocks = [b for b in re.split(r"\n[ \t]*\n", str(text).strip("\n")) if b.strip()]
        body = "".join(_block(b.splitlines()) for b in blocks)
    # A word breaks only where it cannot fit a line alone (an envelope's long JSON).
    return f'<div class="{CSS}" style="overflow-wrap: break-word;">{body}</div>'
