"""Where the classroom service keeps answers: one table, through SQLAlchemy.

SQLite by default (a file next to the hub's own database); a URL such as
``postgresql+psycopg://user:password@host/classroom`` switches to PostgreSQL
(the ``postgres`` extra installs its driver). Every submission is a row and rows
are only ever added (or deleted by a reset), so a student's *first* and *latest*
answers to an activity are their lowest and highest row ids. A row's ``kind`` is
the activity's (quiz, prediction, classification, exercise, concept check; rows of
the previous release say "answer" for a quiz answer). A row's ``sid`` is the id its
kernel gave it: the store keeps each id of a student once, so a resend is not a
second answer.

Nothing here waits long. SQLite gives up on a lock held elsewhere after
:data:`LOCK_WAIT` seconds; PostgreSQL gives up connecting after
:data:`CONNECT_WAIT` and on a statement after :data:`STATEMENT_WAIT`. A database
that fails raises :class:`Unavailable`, a sentence the service answers with (503),
and the kernel sends again later. A lesson's results are read as the first and
latest row of each student and activity only (SQL does the picking), counted by
:func:`lessonlib.course.classroom.results.summarise`, and kept for
:data:`RESULTS_FRESH` seconds, so a room of instructors' pages refreshing costs
one query. The concept check's results are read alike: each student's first answer
to each item of its two forms, picked in SQL, counted by
:func:`lessonlib.course.classroom.results.concept_gain`, kept as briefly.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    union,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from lessonlib.course.activities import CONCEPT_CHECK, activities
from lessonlib.course.classroom import summarise
from lessonlib.course.classroom.results import belongs, concept_gain, stored_under
from lessonlib.course.concepts import FORMS
from lessonlib.errors import LessonError

__all__ = ["Store", "Unavailable", "DEFAULT_URL", "MAX_NAME", "shown_url"]

DEFAULT_URL = "sqlite:///lessonlib-classroom.sqlite"
#: Seconds SQLite waits for a lock another connection holds, before the request is refused.
LOCK_WAIT = 2.0
#: Seconds PostgreSQL may take to accept a connection, and to run one statement.
CONNECT_WAIT = 3
STATEMENT_WAIT = 4.0
#: Seconds a lesson's counted results are served again before they are counted anew.
RESULTS_FRESH = 2.0
#: The longest user name a row keeps (the column's size, alike on every database).
MAX_NAME = 255

metadata = MetaData()
submissions = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("student", String(MAX_NAME), nullable=False),  # the hub's user name, from the token
    Column("lesson", String(64), nullable=False),
    Column("kind", String(16), nullable=False),       # the activity's kind ("quiz", ...)
    Column("item", String(64), nullable=False),       # the activity's key in its lesson
    Column("value", Text, nullable=False),            # JSON: the value, in the activity's shape
    Column("correct", Boolean, nullable=True),        # graded by the service; None: a prediction
    Column("created", DateTime(timezone=True), nullable=False),
    Column("sid", String(64), nullable=True),         # the kernel's id of it (None: older kernels)
    Index("submissions_by_lesson", "lesson", "kind", "item", "student", "id"),
)
ONCE = Index("submissions_once", submissions.c.student, submissions.c.sid, unique=True)


class Unavailable(RuntimeError):
    """The database did not answer (locked, stopped, slow, unreadable): one sentence why."""


def shown_url(url: str) -> str:
    """The database URL fit for a log: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as the kind it is
        return "(a database URL that cannot be read)"


def _engine(url: str):
    name = make_url(url).get_backend_name()
    if name == "sqlite":
        engine = create_engine(url, connect_args={"timeout": LOCK_WAIT,
                                                  "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _wal(connection, _record):  # readers never wait for the writer
            connection.execute("PRAGMA journal_mode=WAL")
        return engine
    if name == "postgresql":
        wait = int(STATEMENT_WAIT * 1000)
        return create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=4,
                             pool_timeout=STATEMENT_WAIT, connect_args={
                                 "connect_timeout": CONNECT_WAIT,
                                 "options": f"-c statement_timeout={wait} "
                                            f"-c lock_timeout={wait // 2} "
                                            f"-c idle_in_transaction_session_timeout={4 * wait}"})
    return create_engine(url, pool_pre_ping=True, pool_timeout=STATEMENT_WAIT)


def _why(error: BaseException) -> str:
    """The database's own reason, on one line, without the SQL it was running."""
    original = getattr(error, "orig", None) or error
    return " ".join(str(original).split())[:300] or type(original).__name__


class Store:
    """The service's table of submissions, at ``url`` (a SQLAlchemy database URL).

    Nothing is opened until it is used; :meth:`check` opens it (and creates or
    upgrades the table) and says in a sentence what is wrong, if anything.
    """

    def __init__(self, url: str = DEFAULT_URL):
        self.url = url
        try:
            self.engine = _engine(url)
        except Exception as error:  # noqa: BLE001 - a bad URL or a missing driver: a sentence
            raise Unavailable(f"The classroom service cannot use the database "
                              f"{shown_url(url)} ({_why(error)}). Check "
                              f"LESSONLIB_CLASSROOM_DB and the driver (the postgres extra "
                              f"for PostgreSQL).") from None
        self.ready = False
        self._cache: dict[tuple[str, bool], tuple[float, dict]] = {}
        self._lock = threading.Lock()

    # ----------------------------------------------------------------------- opening

    def check(self) -> None:
        """Open the database and create (or upgrade) the table; :class:`Unavailable` if not."""
        try:
            metadata.create_all(self.engine)
            self._upgrade()
        except SQLAlchemyError as error:
            raise Unavailable(self._sentence(error)) from None
        self.ready = True

    def _upgrade(self) -> None:
        """A table of the previous release has no ``sid``: add it, and the index that keeps
        each id of a student once."""
        columns = {c["name"] for c in inspect(self.engine).get_columns("submissions")}
        if "sid" not in columns:
            with self.engine.begin() as db:
                db.execute(text("ALTER TABLE submissions ADD COLUMN sid VARCHAR(64)"))
        ONCE.create(self.engine, checkfirst=True)

    def _sentence(self, error: BaseException) -> str:
        why = _why(error)
        where = shown_url(self.url)
        if "not a database" in why or "malformed" in why:
            return (f"The classroom's database {where} is not a SQLite database any more "
                    f"({why}): it may be damaged. Move the file aside and start the service "
                    f"again (it starts an empty one), then bring the answers back with "
                    f"`python -m lessonlib.classroom_web restore <backup>` if you have one.")
        if "locked" in why or "timeout" in why.lower() or "timed out" in why:
            return (f"The classroom's database {where} is busy ({why}); the answer was not "
                    f"stored this time and the student's kernel sends it again.")
        return (f"The classroom's database {where} did not answer ({why}); answers are "
                f"kept in the students' kernels and sent again when it is back.")

    def _run(self, work):
        """Run ``work(connection-maker)``, opening the table first if it was not yet."""
        try:
            if not self.ready:
                self.check()
            return work()
        except Unavailable:
            raise
        except (SQLAlchemyError, OSError) as error:
            raise Unavailable(self._sentence(error)) from None

    # ----------------------------------------------------------------------- writing

    def add(self, student: str, lesson: str, kind: str, item: str, value: object,
            correct: bool | None, sid: str | None = None) -> bool:
        """Store one submission; False if this student's ``sid`` is stored already."""
        row = {"student": student, "lesson": lesson, "kind": kind, "item": item,
               "value": json.dumps(value, ensure_ascii=False), "correct": correct,
               "created": datetime.now(UTC), "sid": sid}

        def work() -> bool:
            try:
                with self.engine.begin() as db:
                    db.execute(insert(submissions).values(**row))
            except IntegrityError:
                if sid is not None and self._has(student, sid):
                    return False  # the same student's same id: a resend, stored once
                raise
            return True
        return self._run(work)

    def _has(self, student: str, sid: str) -> bool:
        with self.engine.connect() as db:
            return db.execute(select(submissions.c.id).where(
                submissions.c.student == student, submissions.c.sid == sid)).first() is not None

    def reset(self, lesson: str | None = None, *, everything: bool = False) -> int:
        """Delete the class's submissions to ``lesson`` (or, with ``everything``, to every
        lesson); return how many."""
        if (lesson is None) == (everything is not True):
            raise LessonError("Say which lesson to reset, or everything=True for every lesson "
                              "(not both).")
        def work() -> int:
            statement = delete(submissions)
            with self.engine.begin() as db:
                if lesson is not None:  # its rows under earlier ids of the lesson too
                    rows = db.execute(select(submissions.c.id, submissions.c.lesson,
                                             submissions.c.item)
                                      .where(submissions.c.lesson.in_(stored_under(lesson))))
                    ids = [r["id"] for r in rows.mappings() if belongs(lesson, r)]
                    statement = statement.where(submissions.c.id.in_(ids))
                deleted = db.execute(statement).rowcount
            with self._lock:
                self._cache.clear()
            return deleted
        return self._run(work)

    def restore(self, rows: Iterable[dict]) -> int:
        """Add backed-up ``rows`` (as :meth:`rows` gives them); a row whose student and id
        are stored already is skipped. Return how many were added."""
        added = 0
        for row in rows:
            created = datetime.fromisoformat(row["created"])
            done = self._run(lambda r=row, c=created: self._insert_backed_up(r, c))
            added += done
        with self._lock:
            self._cache.clear()
        return added

    def _insert_backed_up(self, row: dict, created: datetime) -> bool:
        try:
            with self.engine.begin() as db:
                db.execute(insert(submissions).values(
                    student=row["student"], lesson=row["lesson"], kind=row["kind"],
                    item=row["item"], value=json.dumps(row["value"], ensure_ascii=False),
                    correct=row["correct"], created=created, sid=row.get("sid")))
        except IntegrityError:
            if row.get("sid") is not None and self._has(row["student"], row["sid"]):
                return False
            raise
        return True

    # ----------------------------------------------------------------------- reading

    def count(self, student_prefix: str = "") -> int:
        """Rows stored (of students whose name starts with ``student_prefix``)."""
        statement = select(func.count()).select_from(submissions)
        if student_prefix:
            statement = statement.where(submissions.c.student.startswith(student_prefix))

        def work() -> int:
            with self.engine.connect() as db:
                return db.execute(statement).scalar_one()
        return self._run(work)

    def students(self) -> int:
        """Students who sent anything since the last reset: the class, as far as it knows."""
        def work() -> int:
            with self.engine.connect() as db:
                return db.execute(
                    select(func.count(func.distinct(submissions.c.student)))).scalar_one()
        return self._run(work)

    def mine(self, student: str) -> list[dict]:
        """Everything ``student`` sent, oldest first (what a student may read: their own)."""
        def work() -> list[dict]:
            with self.engine.connect() as db:
                return db.execute(select(submissions).where(submissions.c.student == student)
                                  .order_by(submissions.c.id)).mappings().all()
        return [{"lesson": r["lesson"], "kind": r["kind"], "item": r["item"],
                 "value": json.loads(r["value"]), "correct": r["correct"],
                 "time": r["created"].isoformat()} for r in self._run(work)]

    def rows(self) -> Iterator[dict]:
        """Every row, oldest first, as JSON-ready dicts (what a backup holds)."""
        def work() -> list:
            with self.engine.connect() as db:
                return db.execute(select(submissions).order_by(submissions.c.id)
                                  ).mappings().all()
        for r in self._run(work):
            yield {"student": r["student"], "lesson": r["lesson"], "kind": r["kind"],
                   "item": r["item"], "value": json.loads(r["value"]), "correct": r["correct"],
                   "created": r["created"].isoformat(), "sid": r["sid"]}

    def _ends(self, lesson: str) -> list:
        """The first and latest row of each student and activity of ``lesson`` (under its
        id, or an earlier one: :func:`~lessonlib.course.classroom.results.belongs` picks
        what counts), oldest first."""
        c = submissions.c
        per, where = (c.kind, c.item, c.student), c.lesson.in_(stored_under(lesson))
        ends = union(select(func.min(c.id)).where(where).group_by(*per),
                     select(func.max(c.id)).where(where).group_by(*per))
        statement = (select(c.lesson, c.kind, c.item, c.student, c.value, c.correct)
                     .where(c.id.in_(select(ends.subquery().c[0]))).order_by(c.id))
        with self.engine.connect() as db:
            return db.execute(statement).mappings().all()

    def results(self, lesson: str, *, names: bool) -> dict:
        """The lesson's results: every activity, counted from the first and latest row per
        student; with ``names``, what each student did. Counted at most every
        :data:`RESULTS_FRESH` seconds."""
        key = (lesson, names)
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < RESULTS_FRESH:
            return cached[1]
        rows = self._run(lambda: self._ends(lesson))
        found = summarise(lesson, ({**row, "value": json.loads(row["value"])} for row in rows),
                          students=self.students(), names=names)
        found = {**found, "updated": datetime.now(UTC).isoformat(timespec="seconds")}
        with self._lock:
            self._cache[key] = (time.monotonic(), found)
        return found

    def _firsts(self) -> list:
        """Each student's first answer to each item of the concept check's two forms (its
        kind, under its lesson, an item of the one list), oldest first."""
        c = submissions.c
        items = [a.key for lesson in FORMS.values() for a in activities(lesson, CONCEPT_CHECK)]
        where = (c.kind == CONCEPT_CHECK) & c.lesson.in_(FORMS.values()) & c.item.in_(items)
        firsts = select(func.min(c.id)).where(where).group_by(c.lesson, c.item, c.student)
        statement = (select(c.lesson, c.kind, c.item, c.student, c.correct)
                     .where(c.id.in_(firsts)).order_by(c.id))
        with self.engine.connect() as db:
            return db.execute(statement).mappings().all()

    def concept_check(self, *, names: bool) -> dict:
        """The class's concept check over both forms (before lesson 01, after the capstone):
        the distributions and the average normalized gain; with ``names``, each student's.
        Counted at most every :data:`RESULTS_FRESH` seconds."""
        key = (CONCEPT_CHECK, names)  # no lesson's id: those start with their number
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < RESULTS_FRESH:
            return cached[1]
        found = concept_gain(self._run(self._firsts), names=names)
        found = {**found, "updated": datetime.now(UTC).isoformat(timespec="seconds")}
        with self._lock:
            self._cache[key] = (time.monotonic(), found)
        return found
