"""The classroom service's JSON API: students hand in, instructors read and reset.

=============================  ==========  =============================================
``POST api/answers``           a student   store one activity's value (theirs: the name
                                           comes from the hub's token, never the body);
                                           201 stored, 200 stored before (the same id)
``GET  api/answers/mine``      a student   what they sent, and nothing of anyone else
``GET  api/results/<lesson>``  instructor  the lesson's results as JSON (``?names=0``: none)
``GET  api/concept-check``     instructor  the concept check's two forms and the class's
                                           gain as JSON (``?names=0``: none)
``POST api/reset``             instructor  forget the class's answers: ``{"lesson": "03"}``
                                           or ``{"all": true}``, nothing else
``GET  api/health``            anyone      how the database last answered, and how many
                                           requests wait for it (never waits itself)
=============================  ==========  =============================================

A query says ``0`` or ``1`` for each switch an address takes, and nothing else
(:meth:`~lessonlib.classroom_web.base.Base.switches`).
"""

from __future__ import annotations

from tornado import web

from lessonlib.classroom_web.base import Base, Rejected
from lessonlib.classroom_web.store import MAX_NAME
from lessonlib.course.classroom import MAX_PAYLOAD, check_payload, parse_payload
from lessonlib.errors import LessonError, shown

__all__ = ["AnswersHandler", "MineHandler", "ResultsHandler", "ConceptCheckHandler",
           "ResetHandler", "HealthHandler", "read_reset"]

#: Bytes of an oversized body read (and thrown away) so the sender gets its 413 through the
#: hub's proxy; past this the connection is simply closed.
DRAIN_LIMIT = 64 * 1024 * 1024


def _too_big(size: int | str) -> Rejected:
    return Rejected(413, f"An answer is at most {MAX_PAYLOAD} bytes; this one has {size}.")


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
        if len(user["name"]) > MAX_NAME:
            raise Rejected(422, f"Your hub user name has {len(user['name']):,} characters; the "
                                f"class's database keeps names of at most {MAX_NAME}. Ask the "
                                f"hub's administrator for a shorter one.")
        try:
            data = parse_payload(b"".join(self.chunks))
        except LessonError as error:
            raise Rejected(400, str(error)) from None
        try:
            done = check_payload(data)
        except LessonError as error:
            raise Rejected(422, str(error)) from None
        # Whose answer it is comes from the hub's token, never from the body.
        a = done.activity
        new = await self.db(self.store.add, user["name"], a.lesson, a.kind, a.key, done.value,
                            done.correct, done.id)
        self.send_json({"stored": True, "new": new, "id": done.id, "student": user["name"]},
                       status=201 if new else 200)


class MineHandler(Base):
    async def get(self) -> None:
        user = self.need_user()
        self.send_json({"student": user["name"],
                        "answers": await self.db(self.store.mine, user["name"])})


class ResultsHandler(Base):
    async def get(self, lesson: str) -> None:
        self.need_instructor()
        lesson = self.known_lesson(lesson)
        names = self.switches(names=True)["names"]
        self.send_json(await self.db(self.store.results, lesson, names=names))


class ConceptCheckHandler(Base):
    """The class's concept check: both forms' distributions and the average normalized gain
    (:func:`lessonlib.course.classroom.results.concept_gain`)."""

    async def get(self) -> None:
        self.need_instructor()
        names = self.switches(names=True)["names"]
        self.send_json(await self.db(self.store.concept_check, names=names))


RESET_SAYS = ('Say what to forget: {"lesson": "03"} for one lesson, or {"all": true} for '
              'every lesson.')


def read_reset(body: bytes) -> tuple[str | None, bool]:
    """``(lesson, everything)`` from a reset's body; a :class:`LessonError` for anything
    but ``{"lesson": <a string>}`` or ``{"all": true}``.

    >>> read_reset(b'{"all": true}')
    (None, True)
    >>> read_reset(b'"01"')
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Say what to forget: {"lesson": "03"} for one lesson, or {"all": true} for every lesson. Got '01'.
    """
    try:
        data = parse_payload(body) if body.strip() else None
    except LessonError as error:
        raise LessonError(f"{RESET_SAYS} {error}") from None
    if isinstance(data, dict) and list(data) == ["all"] and data["all"] is True:
        return None, True  # true itself: 1 == True in Python, not here
    if isinstance(data, dict) and list(data) == ["lesson"] and isinstance(data["lesson"], str):
        return data["lesson"], False
    raise LessonError(f"{RESET_SAYS} Got {shown(data) if data is not None else 'nothing'}.")


class ResetHandler(Base):
    async def post(self) -> None:
        self.need_instructor()
        try:
            lesson, everything = read_reset(self.request.body)
        except LessonError as error:
            raise Rejected(400, str(error)) from None
        if lesson is not None:
            lesson = self.known_lesson(lesson)
        deleted = await self.db(self.store.reset, lesson, everything=everything)
        self.send_json({"deleted": deleted, "lesson": lesson, "all": everything})


class HealthHandler(Base):
    """No sign-in needed, and no database: how the last request found it ("ok", "busy"
    or "unavailable", with the sentence), and how many requests wait for it now. 503 while
    it is unavailable. It answers at once whatever the database does: the event loop is free."""

    async def prepare(self) -> None:
        self.who = None

    async def get(self) -> None:
        health = self.settings["db_health"]
        found = {"database": health["state"], "waiting": self.settings["db_pending"][0]}
        if health["said"]:
            found["said"] = health["said"]
        self.send_json(found, status=503 if health["state"] == "unavailable" else 200)
