"""Where the classroom service keeps answers: one table, through SQLAlchemy.

SQLite by default (a file next to the hub's own database); a URL such as
``postgresql+psycopg://user:password@host/classroom`` switches to PostgreSQL
(install ``psycopg[binary]`` beside the service). Every submission is a row and
rows are only ever added (or deleted by a reset), so a student's *first* and
*latest* answers to an activity are their lowest and highest row ids. A row's
``kind`` is the activity's (quiz, prediction, classification, exercise; rows of
the previous release say "answer" for a quiz answer). Counting the rows into a
lesson's results is :func:`lessonlib.course.classroom.results.summarise`.
"""

from __future__ import annotations

import json
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
    select,
)

from lessonlib.course.classroom import summarise
from lessonlib.course.classroom.results import belongs, stored_under

__all__ = ["Store", "DEFAULT_URL"]

DEFAULT_URL = "sqlite:///lessonlib-classroom.sqlite"

metadata = MetaData()
submissions = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("student", String(255), nullable=False),   # the hub's user name, from the token
    Column("lesson", String(64), nullable=False),
    Column("kind", String(16), nullable=False),       # the activity's kind ("quiz", ...)
    Column("item", String(64), nullable=False),       # the activity's key in its lesson
    Column("value", Text, nullable=False),            # JSON: the value, in the activity's shape
    Column("correct", Boolean, nullable=True),        # graded by the service; None: a prediction
    Column("created", DateTime(timezone=True), nullable=False),
    Index("submissions_by_lesson", "lesson", "kind", "item", "student", "id"),
)


class Store:
    """The service's table of submissions, at ``url`` (a SQLAlchemy database URL)."""

    def __init__(self, url: str = DEFAULT_URL):
        sqlite = url.startswith("sqlite")
        self.engine = create_engine(url, pool_pre_ping=not sqlite,
                                    connect_args={"timeout": 30} if sqlite else {})
        if sqlite:
            @event.listens_for(self.engine, "connect")
            def _wal(connection, _record):  # readers never wait for the writer
                connection.execute("PRAGMA journal_mode=WAL")
        metadata.create_all(self.engine)

    def add(self, student: str, lesson: str, kind: str, item: str, value: object,
            correct: bool | None) -> None:
        with self.engine.begin() as db:
            db.execute(insert(submissions).values(
                student=student, lesson=lesson, kind=kind, item=item,
                value=json.dumps(value, ensure_ascii=False), correct=correct,
                created=datetime.now(UTC)))

    def count(self) -> int:
        with self.engine.connect() as db:
            return db.execute(select(func.count()).select_from(submissions)).scalar_one()

    def students(self) -> int:
        """Students who sent anything since the last reset: the class, as far as it knows."""
        with self.engine.connect() as db:
            return db.execute(select(func.count(func.distinct(submissions.c.student)))).scalar_one()

    def mine(self, student: str) -> list[dict]:
        """Everything ``student`` sent, oldest first (what a student may read: their own)."""
        with self.engine.connect() as db:
            rows = db.execute(select(submissions).where(submissions.c.student == student)
                              .order_by(submissions.c.id)).mappings().all()
        return [{"lesson": r["lesson"], "kind": r["kind"], "item": r["item"],
                 "value": json.loads(r["value"]), "correct": r["correct"],
                 "time": r["created"].isoformat()} for r in rows]

    def results(self, lesson: str, *, names: bool) -> dict:
        """The lesson's results: every activity, counted from the rows (first and latest
        per student); with ``names``, what each student did."""
        with self.engine.connect() as db:
            rows = db.execute(select(submissions)
                              .where(submissions.c.lesson.in_(stored_under(lesson)))
                              .order_by(submissions.c.id)).mappings().all()
        found = summarise(lesson, ({**row, "value": json.loads(row["value"])} for row in rows),
                          students=self.students(), names=names)
        return {**found, "updated": datetime.now(UTC).isoformat(timespec="seconds")}

    def reset(self, lesson: str | None = None) -> int:
        """Delete the class's submissions to ``lesson`` (or to every lesson), those stored under
        an earlier id of the lesson included; return how many."""
        statement = delete(submissions)
        with self.engine.begin() as db:
            if lesson is not None:
                rows = db.execute(select(submissions.c.id, submissions.c.lesson,
                                         submissions.c.item)
                                  .where(submissions.c.lesson.in_(stored_under(lesson))))
                ids = [r["id"] for r in rows.mappings() if belongs(lesson, r)]
                statement = statement.where(submissions.c.id.in_(ids))
            return db.execute(statement).rowcount
