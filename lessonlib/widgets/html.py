"""Small HTML helpers shared by the widgets: escaped text, lines and paragraphs."""

from __future__ import annotations

import html
import re

__all__ = ["markup", "lines_html", "paragraphs", "css_name"]

_CODE = re.compile(r"`([^`]+)`")


def markup(text: str) -> str:
    """Escape ``text`` for HTML; `backticks` become <code>.

    >>> markup("Use `draft.model` <here>")
    'Use <code>draft.model</code> &lt;here&gt;'
    """
    return _CODE.sub(r"<code>\1</code>", html.escape(text))


def lines_html(text: str) -> str:
    """Each line of ``text`` escaped, joined by ``<br>``."""
    return "<br>".join(html.escape(line) for line in text.splitlines())


def paragraphs(text: str) -> str:
    """Each non-blank line of ``text`` as an escaped ``<p>``."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def css_name(label: str) -> str:
    """A label as a CSS class fragment: ``"Order fulfilment"`` -> ``"order-fulfilment"``."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
