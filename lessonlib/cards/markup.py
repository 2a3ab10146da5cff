"""Text as HTML, the course's one way: escaped, with `code`, and paragraphs.

Everything a learner or an author could have typed is escaped first, so markup
in a message name or a quiz option stays text. Then, as asked: `backticks`
become ``<code>``, and (for prose) ``**bold**`` and ``*italic*`` become
``<strong>`` and ``<em>``.

>>> markup("Use `draft.model` <here>")
'Use <code>draft.model</code> &lt;here&gt;'
>>> paragraphs("Two services.\\n\\nA <b> tag.")
'<p>Two services.</p><p>A &lt;b&gt; tag.</p>'
>>> paragraphs("A **b** *c*\\n`d`\\n\\nNext", split="blank lines", code=True, emphasis=True)
'<p>A <strong>b</strong> <em>c</em> <code>d</code></p><p>Next</p>'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = ["markup", "paragraphs"]

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_ITALIC = re.compile(r"\*([^*]+)\*")
_BLANK_LINE = re.compile(r"\n\s*\n")


def markup(text: object, *, code: bool = True, emphasis: bool = False,
           quote: bool = True) -> str:
    """``text`` escaped for HTML; `backticks` as ``<code>`` unless ``code=False``.

    ``emphasis=True`` also turns ``**bold**`` and ``*italic*`` into ``<strong>`` and
    ``<em>``; ``quote=False`` leaves quotation marks as they are (text, not an attribute).

    >>> markup('A "quote" and `code`', code=False)
    'A &quot;quote&quot; and `code`'
    """
    escaped = html.escape(str(text), quote=quote)
    if code:
        escaped = _CODE.sub(r"<code>\1</code>", escaped)
    if emphasis:
        escaped = _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", escaped))
    return escaped


def paragraphs(text: str | Iterable[str], *, style: str = "", split: str = "lines",
               code: bool = False, emphasis: bool = False, quote: bool = True) -> str:
    """Text as ``<p>`` paragraphs, each through :func:`markup` (plain escaping by default).

    A text is split into its lines, blank ones left out; with ``split="blank lines"``
    into paragraphs separated by a blank line, each one's lines joined by a space.
    A list gives one paragraph per (non-blank) item. ``style`` is each paragraph's
    CSS.

    >>> paragraphs(["Defined in one place.", " "], style="margin: 4px 0;")
    '<p style="margin: 4px 0;">Defined in one place.</p>'
    """
    if not isinstance(text, str):
        parts = [item for item in text if item.strip()]
    elif split == "blank lines":
        parts = [" ".join(part.split()) for part in _BLANK_LINE.split(text.strip())]
    else:
        parts = [line for line in text.splitlines() if line.strip()]
    tag = f'<p style="{style}">' if style else "<p>"
    return "".join(f"{tag}{markup(part, code=code, emphasis=emphasis, quote=quote)}</p>"
                   for part in parts)
