"""The classroom service's pages for the instructor: the lessons, one lesson's live results,
and the concept check's.

=============================  ==========  =============================================
``GET  ``                      instructor  the lessons, with links to their pages
``GET  lessons/<lesson>``      instructor  the live page (``?room=1``: no names, to project;
                                           ``?reveal=1``: the right answers marked)
``GET  concept-check``         instructor  its live page: pre and post, the average gain
                                           (``?room=1``: no names)
=============================  ==========  =============================================

Everything shown is escaped, no script runs but the page's own (a nonce), and no
other site may frame the page (``frame-ancestors 'none'``). A query says ``0`` or ``1``
for each switch a page takes, and nothing else.
"""

from __future__ import annotations

import html
import secrets

from lessonlib.cards.results import concept_gain_html, results_html
from lessonlib.classroom_web.base import Base
from lessonlib.course.activities import lessons
from lessonlib.course.lessons import LESSONS

__all__ = ["IndexHandler", "LessonPageHandler", "ConceptCheckPageHandler", "PAGE_REFRESH"]

#: Seconds between two refreshes of the live page.
PAGE_REFRESH = 3


def _page(title: str, body: str, nonce: str = "", script: str = "") -> str:
    tag = f"<script nonce='{nonce}'>{script}</script>" if script else ""
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>body {{ font-family: sans-serif; "
            f"margin: 24px; max-width: 60em; }}</style></head><body>{body}{tag}</body></html>")


class PageBase(Base):
    api = False
    login_redirect = True

    def set_default_headers(self) -> None:
        # Defence in depth: everything shown is escaped, and no script runs but ours.
        self.nonce = secrets.token_urlsafe(16)
        self.set_header("Content-Security-Policy",
                        f"default-src 'none'; script-src 'nonce-{self.nonce}'; "
                        "style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Cache-Control", "no-store")


class IndexHandler(PageBase):
    async def get(self) -> None:
        self.need_instructor()
        prefix = self.settings["prefix"]
        rows = "".join(
            f"<li>{html.escape(lesson)} {html.escape(LESSONS.get(lesson, ''))}: "
            f"<a href='{prefix}lessons/{lesson}'>with names</a> · "
            f"<a href='{prefix}lessons/{lesson}?room=1'>for the room</a></li>"
            for lesson in lessons())
        rows += (f"<li>The concept check, before and after: <a href='{prefix}concept-check'>"
                 f"with names</a> · <a href='{prefix}concept-check?room=1'>for the room</a></li>")
        self.finish(_page("Class results", f"<h1>Class results</h1><ul>{rows}</ul>"))


# Fetch the results again every few seconds; the HTML comes escaped from the service. The
# hub's cookie login asks scripts for its XSRF token (a fetch is not a page navigation).
_REFRESH = """
const box = document.getElementById('results');
async function refresh() {
  try {
    const reply = await fetch(box.dataset.source, {
      credentials: 'same-origin', redirect: 'error', headers: {'X-XSRFToken': box.dataset.xsrf}});
    if (reply.ok) { box.innerHTML = await reply.text(); box.dataset.state = 'fresh'; }
    else { box.dataset.state = 'refused ' + reply.status; }
  } catch (error) { box.dataset.state = 'offline'; }
}
setInterval(refresh, %d);
"""


class LessonPageHandler(PageBase):
    async def get(self, lesson: str, fragment: str | None = None) -> None:
        self.login_redirect = not fragment  # the page's script gets a 403, not a login page
        self.need_instructor()
        lesson = self.known_lesson(lesson)
        switches = self.switches(room=False, reveal=False)
        room, reveal = switches["room"], switches["reveal"]
        results = await self.db(self.store.results, lesson, names=not room)
        shown = results_html(results, reveal=reveal)
        if fragment:
            self.finish(shown)
            return
        query = f"?room={int(room)}&reveal={int(reveal)}"
        source = f"{self.settings['prefix']}lessons/{lesson}/fragment{query}"
        other = (f"<a href='?room={int(not room)}&reveal={int(reveal)}'>"
                 f"{'with names' if room else 'for the room (no names)'}</a> · "
                 f"<a href='?room={int(room)}&reveal={int(not reveal)}'>"
                 f"{'hide' if reveal else 'mark'} the right answers</a>")
        token = self.xsrf_token
        token = token.decode() if isinstance(token, bytes) else token
        body = (f"<p>{other} · refreshes every {PAGE_REFRESH} s</p>"
                f"<div id='results' data-source='{html.escape(source)}' "
                f"data-xsrf='{html.escape(token)}'>{shown}</div>")
        self.finish(_page(f"Class results: {lesson}", body, self.nonce,
                          _REFRESH % (PAGE_REFRESH * 1000)))


class ConceptCheckPageHandler(PageBase):
    """The class's concept check, live: the pre and post forms' scores, the gain."""

    async def get(self, fragment: str | None = None) -> None:
        self.login_redirect = not fragment
        self.need_instructor()
        room = self.switches(room=False)["room"]
        shown = concept_gain_html(await self.db(self.store.concept_check, names=not room))
        if fragment:
            self.finish(shown)
            return
        source = f"{self.settings['prefix']}concept-check/fragment?room={int(room)}"
        token = self.xsrf_token
        token = token.decode() if isinstance(token, bytes) else token
        body = (f"<p><a href='?room={int(not room)}'>"
                f"{'with names' if room else 'for the room (no names)'}</a> · refreshes "
                f"every {PAGE_REFRESH} s</p><div id='results' data-source='{html.escape(source)}'"
                f" data-xsrf='{html.escape(token)}'>{shown}</div>")
        self.finish(_page("Class results: the concept check", body, self.nonce,
                          _REFRESH % (PAGE_REFRESH * 1000)))
