"""Where the classroom service keeps answers: one table, through SQLAlchemy.

SQLite by default (a file next to the hub's own database); a URL such as
``postgresql+psycopg://user:password@host/classroom`` switches to PostgreSQL
(install ``psycopg[binary]`` beside the service). Every submission is a row and
rows are only ever added (or deleted by a reset), so a student's *first* and
*latest* answers to a question are their lowest and highest row ids.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
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

from lessonlib.course.classroom import PREDICTIONS, _quiz

__all__ = ["Store", "DEFAULT_URL"]

DEFAULT_URL = "sqlite:///lessonlib-classroom.sqlite"

metadata = MetaData()
submissions = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("student", String(255), nullable=False),   # the hub's user name, from the token
    Column("lesson", String(64), nullable=False),
    Column("kind", String(16), nullable=False),       # "answer" or "prediction"
    Column("item", String(64), nullable=False),       # the question id or the prediction's key
    Column("value", Text, nullable=False),            # JSON: options chosen, or counts predicted
    Column("correct", Boolean, nullable=True),        # graded by the service; None for predictions
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
        """Per question: first and latest answers counted per option, and how many answered;
        per prediction: the counts predicted; with ``names``, per student their completion."""
        quiz = _quiz(lesson)
        with self.engine.connect() as db:
            rows = db.execute(select(submissions).where(submissions.c.lesson == lesson)
                              .order_by(submissions.c.id)).mappings().all()
        first: dict[tuple[str, str, str], dict] = {}
        latest: dict[tuple[str, str, str], dict] = {}
        for row in rows:
            key = (row["kind"], row["item"], row["student"])
            first.setdefault(key, row)
            latest[key] = row
        questions = []
        for q in quiz:
            counts = {"first": Counter(), "latest": Counter()}
            answered = 0
            for (kind, item, _student), row in latest.items():
                if kind != "answer" or item != q.id:
                    continue
                answered += 1
                counts["latest"].update(json.loads(row["value"]))
                counts["first"].update(json.loads(first[(kind, item, _student)]["value"]))
            questions.append({
                "id": q.id, "prompt": q.prompt, "kind": q.kind, "options": list(q.options),
                "correct": [o for o in q.options if q.is_right(o)], "answered": answered,
                "first": dict(counts["first"]), "latest": dict(counts["latest"])})
        predictions = []
        for (p_lesson, key), labels in PREDICTIONS.items():
            if p_lesson != lesson:
                continue
            values: dict[str, Counter] = {label: Counter() for label in labels}
            saved = [row for (kind, item, _s), row in latest.items()
                     if kind == "prediction" and item == key]
            for row in saved:
                for label, count in json.loads(row["value"]).items():
                    values[label][str(count)] += 1
            predictions.append({"key": key, "labels": list(labels), "answered": len(saved),
                                "values": {label: dict(c) for label, c in values.items()}})
        result = {"lesson": lesson, "title": quiz.title, "students": self.students(),
                  "questions": questions, "predictions": predictions,
                  "updated": datetime.now(UTC).isoformat(timespec="seconds")}
        if names:
            per_student: dict[str, dict] = defaultdict(lambda: {"answered": 0, "right": 0})
            for (kind, _item, student), row in latest.items():
                if kind == "answer":
                    per_student[student]["answered"] += 1
                    per_student[student]["right"] += bool(row["correct"])
            result["completion"] = [{"student": s, **v} for s, v in sorted(per_student.items())]
        return result

    def reset(self, lesson: str | None = None) -> int:
        """Delete the class's submissions to ``lesson`` (or to every lesson); return how many."""
        statement = delete(submissions)
        if lesson is not None:
            statement = statement.where(submissions.c.lesson == lesson)
        with self.engine.begin() as db:
            return db.execute(statement).rowcount
