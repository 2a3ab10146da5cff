"""What every request of the classroom service shares: who is asking, the refusals, the
database off the event loop, and the access log.

Who is asking comes from the hub (its token, or the OAuth cookie of a browser),
asked asynchronously and kept for :func:`auth_cache` seconds at most (30, at most
60), so a token the hub revoked stops working within that time. Every refusal is a status and one
sentence: JSON ``{"error": ...}`` under ``api/``, an escaped page elsewhere.

The database is never used on the event loop: :meth:`Base.db` runs a store call in
one of :data:`DB_THREADS` threads and waits at most :data:`DB_WAIT` seconds for it;
a database that is locked, stopped, slow or full of waiting requests makes a 503
with a sentence (and ``Retry-After``), at once, and the kernel's outbox sends
again later. Nothing else waits, so a burst, a held lock or a stopped database
never freezes the service.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor

from jupyterhub.services.auth import HubOAuthenticated, UserNotAllowed
from tornado import web

from lessonlib.classroom_web.store import Store, Unavailable
from lessonlib.course.activities import lessons
from lessonlib.course.classroom import INSTRUCTOR_SCOPE
from lessonlib.course.lessons import lesson_id
from lessonlib.errors import LessonError, shown

__all__ = ["Base", "Rejected", "NotFound", "access_log", "auth_cache", "DB_THREADS", "DB_WAIT",
           "AUTH_CACHE"]

#: Threads that talk to the database, and seconds a request waits for one of them.
DB_THREADS = 4
DB_WAIT = 5.0
#: Requests that may wait for the database at once; past that the service says "busy" at once.
DB_QUEUE = 256
#: Seconds the service trusts the hub's word on a token or cookie before asking again (a
#: revoked token works that long): ``$LESSONLIB_CLASSROOM_AUTH_CACHE``, at most 60, else 30.
AUTH_CACHE_MOST = 60
AUTH_CACHE = 30


def auth_cache() -> int:
    """The seconds in force: the environment's, if it says a whole number, within 1 to 60."""
    said = os.environ.get("LESSONLIB_CLASSROOM_AUTH_CACHE", "")
    return max(1, min(AUTH_CACHE_MOST, int(said))) if said.isdigit() else AUTH_CACHE
#: Seconds a kernel is asked to wait before sending again after a 503.
RETRY_AFTER = 2
#: Query arguments the hub's own sign-in may add to any address (a token in the URL, the
#: XSRF field); the service's handlers never read them.
HUB_ARGUMENTS = ("token", "_xsrf")

log = logging.getLogger("lessonlib.classroom_web")


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

    def switches(self, **defaults: bool) -> dict[str, bool]:
        """The query's switches (``?names=0``), each ``0`` or ``1`` and said at most once, the
        others at their ``defaults``; a 400 with a sentence for any other value, or for an
        argument this address does not take: the service does not guess."""
        found = dict(defaults)
        takes = " and ".join(f"{name}=0 or 1" for name in defaults) or "nothing after '?'"
        for name, values in self.request.query_arguments.items():
            if name in HUB_ARGUMENTS:
                continue
            if name not in defaults:
                raise Rejected(400, f"This address takes {takes}; {shown(name)} is not "
                                    f"one of them.")
            said = [value.decode("utf-8", "replace") for value in values]
            if said not in (["0"], ["1"]):
                raise Rejected(400, f"This address takes {takes}; got {name}="
                                    f"{shown(said[0] if len(said) == 1 else said)}.")
            found[name] = said == ["1"]
        return found

    async def db(self, call, *args, **kwargs):
        """``call(*args, **kwargs)`` (a store method) in a database thread, waited for at most
        :data:`DB_WAIT` seconds; a 503 with a sentence if the database does not answer."""
        pending = self.settings["db_pending"]
        if pending[0] >= DB_QUEUE:
            raise Rejected(503, "The classroom service is busy with the class's answers; "
                                "yours is kept in your kernel and sent again in a moment.")
        pending[0] += 1
        loop = asyncio.get_running_loop()
        health = self.settings["db_health"]
        try:
            work = loop.run_in_executor(self.settings["db_threads"], lambda: call(*args, **kwargs))
            done = await asyncio.wait_for(work, DB_WAIT)
        except TimeoutError:
            health.update(state="busy", said=f"no answer within {DB_WAIT:g} s")
            raise Rejected(503, f"The class's database did not answer within {DB_WAIT:g} s; "
                                f"the answer is kept in the kernel and sent again.") from None
        except Unavailable as error:
            log.warning("%s", error)
            health.update(state="unavailable", said=str(error))
            raise Rejected(503, str(error)) from None
        finally:
            pending[0] -= 1
        health.update(state="ok", said="")
        return done

    def reply(self, status: int, sentence: str) -> None:
        self.clear()
        self.set_status(status)
        if status == 503:
            self.set_header("Retry-After", str(RETRY_AFTER))
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
        sentence = {400: "The request could not be read.",
                    404: "There is no such page in the classroom service.",
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


class NotFound(Base):
    """Any address the service does not have: a 404 with a sentence (JSON under ``api/``)."""

    async def prepare(self) -> None:
        self.api = "/api/" in self.request.path
        raise Rejected(404, "There is no such address in the classroom service.")


def access_log(handler: web.RequestHandler) -> None:
    """One line per request: status, method, path (never the query: a token may travel
    there), who asked, and how long it took."""
    who = getattr(handler, "who", None)
    name = who.get("name", "-") if isinstance(who, dict) else "-"
    status = handler.get_status()
    level = logging.INFO if status < 500 else logging.WARNING
    log.log(level, "%d %s %s %s %.0fms", status, handler.request.method,
            handler.request.path, name, 1000 * handler.request.request_time())


def db_settings() -> dict:
    """The database threads and the count of requests waiting for them (one per app)."""
    return {"db_threads": ThreadPoolExecutor(DB_THREADS, thread_name_prefix="classroom-db"),
            "db_pending": [0], "db_health": {"state": "ok", "said": ""}}
