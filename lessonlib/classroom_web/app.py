"""The classroom service's web application: a JupyterHub service, authenticated by the hub.

Routes, under the service's prefix (``/services/classroom/``):

=============================  ==========  =============================================
``POST api/answers``           a student   store one activity's value (theirs: the name
                                           comes from the hub's token, never the body)
``GET  api/answers/mine``      a student   what they sent, and nothing of anyone else
``GET  api/results/<lesson>``  instructor  the lesson's results as JSON (``?names=0``: none)
``POST api/reset``             instructor  forget the class's answers (``{"lesson": ...}``)
``GET  ``                      instructor  the lessons, with links to their pages
``GET  lessons/<lesson>``      instructor  the live page (``?room=1``: no names, to project)
``GET  api/concept-check``     instructor  the concept check's gain as JSON (``?names=0``)
``GET  concept-check``         instructor  its live page: pre and post, the average gain
``GET  oauth_callback``        anyone      the end of the hub's OAuth login
=============================  ==========  =============================================

An instructor is a hub user holding the custom scope ``custom:classroom:instructor``
(the hub's configuration gives it to a group, see ``deploy/jupyterhub/classroom.py``).
Requests come with the hub's token (a kernel's ``JUPYTERHUB_API_TOKEN``) or the
OAuth cookie of a browser; the hub says who that is. Every refusal is a status
and one sentence (JSON for ``api/``, an escaped page otherwise); nothing is
stored unless the whole payload checks out.
"""

from __future__ import annotations

import html
import json
import secrets
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated, UserNotAllowed
from jupyterhub.utils import url_path_join
from tornado import web

from lessonlib.cards.results import concept_gain_html, results_html
from lessonlib.classroom_web.store import Store
from lessonlib.course.activities import lessons
from lessonlib.course.classroom import INSTRUCTOR_SCOPE, MAX_PAYLOAD, check_payload
from lessonlib.course.lessons import LESSONS, lesson_id
from lessonlib.errors import LessonError

__all__ = ["make_app", "Rejected"]

#: Seconds between two refreshes of the live page.
PAGE_REFRESH = 3


class Rejected(web.HTTPError):
    """A request the service refuses: an HTTP status and the sentence that says why."""

    def __init__(self, status: int, sentence: str):
        super().__init__(status)
        self.sentence = sentence


class Base(HubOAuthenticated, web.RequestHandler):
    """Finds out who is asking (asynchronously: a burst of new tokens must not block the
    service), and answers every refusal with a status and a sentence."""

    api = True
    who: dict | None = None  # the hub's model of who is asking, set by prepare()
    #: Whether a browser that is not signed in is sent to the hub's login (pages) or refused.
    login_redirect = False

    @property
    def store(self) -> Store:
        return self.settings["store"]

    async def prepare(self) -> None:
        self.who = None
        model = await self.hub_auth.get_user(self, sync=False)
        if model:
            try:
                self.who = self.check_hub_user(model)
            except UserNotAllowed:
                self.who = None

    def get_current_user(self):
        return self.who

    def need_user(self) -> dict:
        if self.who is None:
            if self.login_redirect and self.request.method == "GET" and not self.request.headers.get(
                    "Authorization"):
                self.redirect(self.get_login_url())
                raise web.Finish()
            raise Rejected(403, "Sign in to the hub first: this service knows its users "
                                "through the hub's token or login.")
        return self.who

    def need_instructor(self) -> dict:
        user = self.need_user()
        if INSTRUCTOR_SCOPE not in set(user.get("scopes", ())):
            raise Rejected(403, "Only an instructor of this hub can see the class's answers; "
                                "your own answers are in your lessons (progress()).")
        return user

    def reply(self, status: int, sentence: str) -> None:
        self.clear()
        self.set_status(status)
        if self.api:
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"error": sentence}))
        else:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(f"<!doctype html><meta charset='utf-8'><title>Classroom</title>"
                        f"<p>{html.escape(sentence)}</p>")

    def write_error(self, status_code: int, **kwargs) -> None:
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, Rejected):
            self.reply(status_code, error.sentence)
            return
        sentence = {404: "There is no such page in the classroom service.",
                    405: "This address does not take that method."}.get(
            status_code, f"The classroom service could not do that ({status_code}).")
        self.reply(status_code, sentence)

    def send_json(self, data: object, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data))

    def known_lesson(self, lesson: str) -> str:
        """The lesson's id, if it has activities (a number like ``03`` will do)."""
        try:
            lesson = lesson_id(lesson)
        except LessonError as error:
            raise Rejected(404, str(error)) from None
        if lesson not in lessons():
            raise Rejected(404, f"Lesson {lesson} asks nothing of its students to collect.")
        return lesson


def _too_big(size: int | str) -> Rejected:
    return Rejected(413, f"An answer is at most {MAX_PAYLOAD} bytes; this one has {size}.")


#: Bytes of an oversized body read (and thrown away) so the sender gets its 413 through the
#: hub's proxy; past this the connection is simply closed.
DRAIN_LIMIT = 64 * 1024 * 1024


@web.stream_request_body
class AnswersHandler(Base):
    """Reads the body itself: keeps at most MAX_PAYLOAD bytes, throws the rest away, and
    refuses an oversized body with a 413 once it has been read."""

    async def prepare(self) -> None:
        await super().prepare()
        self.chunks: list[bytes] = []
        self.size = 0
        self.request.connection.set_max_body_size(DRAIN_LIMIT)

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size <= MAX_PAYLOAD:
            self.chunks.append(chunk)

    async def post(self) -> None:
        user = self.need_user()
        if self.size > MAX_PAYLOAD:
            raise _too_big(self.size)
        body = b"".join(self.chunks)
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise Rejected(400, "The body must be a JSON object in UTF-8.") from None
        try:
            done = check_payload(data)
        except LessonError as error:
            raise Rejected(422, str(error)) from None
        # Whose answer it is comes from the hub's token; a "user" in the body is ignored.
        a = done.activity
        self.store.add(user["name"], a.lesson, a.kind, a.key, done.value, done.correct)
        self.send_json({"stored": True, "student": user["name"]}, status=201)


class MineHandler(Base):
    async def get(self) -> None:
        user = self.need_user()
        self.send_json({"student": user["name"], "answers": self.store.mine(user["name"])})


class ResultsHandler(Base):
    async def get(self, lesson: str) -> None:
        self.need_instructor()
        lesson = self.known_lesson(lesson)
        names = self.get_argument("names", "1") != "0"
        self.send_json(self.store.results(lesson, names=names))


class ConceptCheckHandler(Base):
    async def get(self) -> None:
        self.need_instructor()
        self.send_json(self.store.concept_check(names=self.get_argument("names", "1") != "0"))


class ResetHandler(Base):
    async def post(self) -> None:
        self.need_instructor()
        try:
            data = json.loads(self.request.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise Rejected(400, "The body must be a JSON object, like {\"lesson\": \"03\"}, "
                                "or empty to reset every lesson.") from None
        lesson = data.get("lesson") if isinstance(data, dict) else None
        if lesson is not None:
            lesson = self.known_lesson(str(lesson))
        self.send_json({"deleted": self.store.reset(lesson), "lesson": lesson})


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
                        "style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'self'")
        self.set_header("X-Content-Type-Options", "nosniff")
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
        room = self.get_argument("room", "0") == "1"
        reveal = self.get_argument("reveal", "0") == "1"
        shown = results_html(self.store.results(lesson, names=not room), reveal=reveal)
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
        room = self.get_argument("room", "0") == "1"
        shown = concept_gain_html(self.store.concept_check(names=not room))
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


def make_app(store: Store, prefix: str) -> web.Application:
    """The service's tornado application, serving under ``prefix`` (ends with ``/``)."""
    return web.Application(
        [
            (url_path_join(prefix, "api/answers"), AnswersHandler),
            (url_path_join(prefix, "api/answers/mine"), MineHandler),
            (url_path_join(prefix, r"api/results/([^/]+)"), ResultsHandler),
            (url_path_join(prefix, "api/reset"), ResetHandler),
            (url_path_join(prefix, "api/concept-check"), ConceptCheckHandler),
            (url_path_join(prefix, "concept-check"), ConceptCheckPageHandler),
            (url_path_join(prefix, r"concept-check/(fragment)"), ConceptCheckPageHandler),
            (url_path_join(prefix, r"lessons/([^/]+)"), LessonPageHandler),
            (url_path_join(prefix, r"lessons/([^/]+)/(fragment)"), LessonPageHandler),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
            (prefix, IndexHandler),
        ],
        store=store,
        prefix=prefix,
        cookie_secret=secrets.token_bytes(32),
    )


def bind_address(service_url: str) -> tuple[str, int]:
    """``("127.0.0.1", 10101)`` from the URL the hub gives the service."""
    parsed = urlparse(service_url)
    return parsed.hostname or "127.0.0.1", parsed.port or 80
