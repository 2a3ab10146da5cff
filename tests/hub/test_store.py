"""The classroom's store on this run's database (SQLite or a real PostgreSQL), without a hub:
each id of a student kept once, results (a lesson's, the concept check's) picked in SQL that
count as counting every row does, resets only when said, backups that come back, a table of the previous release upgraded, and
a database that fails or waits says so in a sentence, in seconds."""

from __future__ import annotations

import json
import random
import secrets
import sqlite3
import time
from datetime import UTC, datetime

import pytest

from conftest import DATABASE, runs
from lessonlib.classroom_web.__main__ import main
from lessonlib.classroom_web.store import (
    LOCK_WAIT,
    RESULTS_FRESH,
    STATEMENT_WAIT,
    Store,
    Unavailable,
)
from lessonlib.course.activities import CONCEPT_CHECK, activities
from lessonlib.course.classroom import summarise
from lessonlib.course.classroom.results import concept_gain
from lessonlib.course.concepts import FORMS
from lessonlib.errors import LessonError

pytestmark = runs("6/sqlite", "6/postgresql")  # the database's, whatever the hub

LESSON = next(a.lesson for a in activities(kind="quiz") if a.shape == "single")
OTHER = next(a.lesson for a in activities() if a.lesson != LESSON)


@pytest.fixture
def url(database, tmp_path):
    """A database of this test's own, of the run's kind."""
    if database.server is None:
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    from sqlalchemy import create_engine, text

    name = f"store_{secrets.token_hex(4)}"
    admin = create_engine(database.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(text(f"CREATE DATABASE {name}"))
    yield database.url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as db:
        db.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def store(url):
    made = Store(url)
    made.check()
    yield made
    made.engine.dispose()


def quiz_rows(n_students: int, per_student: int, seed: int = 1) -> list[tuple]:
    """Answers to the lesson's quiz: several per student and question, some in the previous
    release's kind ("answer")."""
    chance = random.Random(seed)
    questions = [a for a in activities(LESSON, kind="quiz") if a.shape == "single"]
    rows = []
    for n in range(n_students):
        for _ in range(per_student):
            a = chance.choice(questions)
            option = chance.choice(a.options)
            kind = chance.choice(["quiz", "quiz", "answer"])
            rows.append((f"s{n:04d}", LESSON, kind, a.key, [option], chance.random() < 0.5))
    return rows


def test_each_id_of_a_student_is_kept_once(store):
    row = ("ada", LESSON, "quiz", "k", ["x"], False)
    assert store.add(*row, sid="abcdefgh") is True
    assert store.add(*row, sid="abcdefgh") is False
    assert store.add("ben", *row[1:], sid="abcdefgh") is True  # another student's id space
    assert store.add(*row) is True and store.add(*row) is True  # an older kernel: no id
    assert store.count() == 4


def test_results_picked_in_sql_count_as_every_row_does(store):
    rows = quiz_rows(30, 12)
    for row in rows:
        store.add(*row)
    as_stored = [{"lesson": LESSON, "kind": kind, "item": item, "student": student,
                  "value": value, "correct": correct}
                 for student, _lesson, kind, item, value, correct in rows]
    expected = summarise(LESSON, as_stored, students=30, names=True)
    found = store.results(LESSON, names=True)
    assert {k: v for k, v in found.items() if k != "updated"} == expected


def concept_rows(n_students: int, seed: int = 3) -> list[tuple]:
    """Answers to the concept check's two forms, in a shuffled order: some students hand in a
    form twice (the first answer counts), some one item short, some not at all; among them
    rows the check does not count (a quiz row, an item no form has)."""
    chance = random.Random(seed)
    rows = []
    for n in range(n_students):
        for lesson in FORMS.values():
            items = activities(lesson, CONCEPT_CHECK)
            if chance.random() < 0.15:
                continue
            if chance.random() < 0.15:
                items = items[1:]
            for _ in range(chance.choice([1, 1, 2])):
                rows += [(f"s{n:03d}", lesson, CONCEPT_CHECK, a.key, ["x"],
                          chance.random() < 0.6) for a in items]
        rows.append((f"s{n:03d}", FORMS["post"], "quiz", "cc-owner-1", ["x"], True))
        rows.append((f"s{n:03d}", FORMS["pre"], CONCEPT_CHECK, "cc-owner-9", ["x"], True))
    chance.shuffle(rows)
    return rows


def test_the_concept_check_picked_in_sql_counts_as_every_row_does(store):
    rows = concept_rows(40)
    for row in rows:
        store.add(*row)
    as_stored = [{"lesson": lesson, "kind": kind, "item": item, "student": student,
                  "value": value, "correct": correct}
                 for student, lesson, kind, item, value, correct in rows]
    for names in (True, False):
        expected = concept_gain(as_stored, names=names)
        found = store.concept_check(names=names)
        assert {k: v for k, v in found.items() if k != "updated"} == expected
    assert 0 < expected["both"] < 40 and expected["gain"] is not None


def test_the_concept_check_is_kept_briefly_and_a_reset_forgets_it(store):
    for lesson in FORMS.values():
        for a in activities(lesson, CONCEPT_CHECK):
            store.add("ada", lesson, CONCEPT_CHECK, a.key, ["x"], True)
    first = store.concept_check(names=True)
    assert first["both"] == 1
    assert store.concept_check(names=True) is first  # within RESULTS_FRESH
    store.reset(FORMS["post"])
    assert store.concept_check(names=True)["both"] == 0


def test_results_are_kept_briefly_and_a_reset_forgets_them(store):
    store.add("ada", *quiz_rows(1, 1)[0][1:])
    first = store.results(LESSON, names=True)
    store.add("ben", *quiz_rows(1, 1)[0][1:])
    assert store.results(LESSON, names=True) is first  # within RESULTS_FRESH
    time.sleep(RESULTS_FRESH + 0.1)
    assert store.results(LESSON, names=True)["students"] == 2
    store.reset(LESSON)
    assert store.results(LESSON, names=True)["students"] == 0


def test_a_reset_forgets_only_what_it_is_told(store):
    store.add("ada", LESSON, "quiz", "k", ["x"], False)
    store.add("ada", OTHER, "quiz", "k", ["x"], False)
    for wrong in ({}, {"lesson": None}, {"lesson": LESSON, "everything": True},
                  {"everything": 1}):
        with pytest.raises(LessonError, match="Say which lesson to reset"):
            store.reset(**wrong)
    assert store.count() == 2
    assert store.reset(LESSON) == 1 and store.count() == 1
    assert store.reset(everything=True) == 1 and store.count() == 0


def test_a_backup_comes_back_once_and_the_operator_says_what_to_reset(url, store, tmp_path,
                                                                         capsys):
    for row in quiz_rows(5, 3):
        store.add(*row, sid=secrets.token_hex(8))
    store.add("old", LESSON, "answer", "k", ["x"], True)  # a row of an older kernel
    before = list(store.rows())
    backup = tmp_path / "answers.jsonl"
    assert main(["--db", url, "backup", str(backup)]) == 0
    assert len(backup.read_text().splitlines()) == 16
    assert main(["--db", url, "reset"]) == 2
    assert "reset --all" in capsys.readouterr().err
    assert main(["--db", url, "reset", "--all"]) == 0 and store.count() == 0
    assert main(["--db", url, "restore", str(backup)]) == 0
    assert [{**r, "created": None} for r in store.rows()] == [
        {**r, "created": None} for r in before]
    assert main(["--db", url, "restore", str(backup)]) == 0  # again: only the id-less row
    assert "Added 1 of the 16" in capsys.readouterr().out
    assert main(["--db", url, "check"]) == 0


def test_a_table_of_the_previous_release_is_upgraded_and_keeps_its_rows(url):
    from sqlalchemy import create_engine, text

    old = create_engine(url)
    key = "INTEGER PRIMARY KEY" if url.startswith("sqlite") else "SERIAL PRIMARY KEY"
    with old.begin() as db:  # the previous release's table (as SQLAlchemy made it): no sid
        db.execute(text(f"CREATE TABLE submissions (id {key}, student "
                        "VARCHAR(255) NOT NULL, lesson VARCHAR(64) NOT NULL, kind VARCHAR(16) "
                        "NOT NULL, item VARCHAR(64) NOT NULL, value TEXT NOT NULL, correct "
                        "BOOLEAN, created TIMESTAMP WITH TIME ZONE NOT NULL)"))
        db.execute(text("INSERT INTO submissions (student, lesson, kind, item, value, correct, "
                        "created) VALUES ('ada', :lesson, 'answer', 'k', '[\"x\"]', true, "
                        "'2026-01-01 10:00:00+00:00')"), {"lesson": LESSON})
    old.dispose()
    store = Store(url)
    store.check()
    assert store.count() == 1
    assert store.add("ada", LESSON, "quiz", "k", ["y"], False, "abcdefgh") is True
    assert store.add("ada", LESSON, "quiz", "k", ["y"], False, "abcdefgh") is False
    assert [r["sid"] for r in store.rows()] == [None, "abcdefgh"]
    store.engine.dispose()


def test_many_rows_are_counted_in_well_under_a_refresh(store):
    """The instructor's page refreshes every 3 s; 40,000 rows must not make it wait (all
    rows read on each refresh took 1.5 s at 100,000)."""
    from lessonlib.classroom_web.store import submissions

    rows = quiz_rows(400, 100, seed=2)
    with store.engine.begin() as db:
        db.execute(submissions.insert(), [
            {"student": s, "lesson": lesson, "kind": kind, "item": item,
             "value": json.dumps(value), "correct": correct,
             "created": datetime.now(UTC)}
            for s, lesson, kind, item, value, correct in rows])
    started = time.perf_counter()
    found = store.results(LESSON, names=True)
    took = time.perf_counter() - started
    assert found["students"] == 400
    assert took < 1.0, f"{took:.2f} s to count {len(rows):,} rows"


@pytest.mark.skipif(DATABASE != "sqlite", reason="SQLite's own file and lock")
def test_a_damaged_sqlite_file_is_said_in_a_sentence(tmp_path, capsys):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is no database " * 500)
    with pytest.raises(Unavailable, match="may be damaged. Move the file aside"):
        Store(f"sqlite:///{damaged}").check()
    assert main(["--db", f"sqlite:///{damaged}", "check"]) == 2
    assert "may be damaged" in capsys.readouterr().err


@pytest.mark.skipif(DATABASE != "sqlite", reason="SQLite's own file and lock")
def test_a_lock_held_elsewhere_is_a_sentence_within_seconds(url, store):
    holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(Unavailable, match="is busy"):
            store.add("ada", LESSON, "quiz", "k", ["x"], False, "abcdefgh")
        assert time.monotonic() - started < LOCK_WAIT + 1.5
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.add("ada", LESSON, "quiz", "k", ["x"], False, "abcdefgh") is True


def test_the_concept_check_is_read_or_refused_within_seconds_while_its_table_is_locked(url,
                                                                                      store):
    """SQLite's readers do not wait for its writer (WAL); PostgreSQL's give up on a lock
    after half a statement's wait: a sentence, never a frozen page."""
    store.add("ada", FORMS["pre"], CONCEPT_CHECK, "cc-owner-1", ["x"], False)
    if DATABASE == "sqlite":
        holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        release = holder.execute, "ROLLBACK"
    else:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        holder = engine.connect()
        holder.execute(text("LOCK TABLE submissions IN ACCESS EXCLUSIVE MODE"))
        release = holder.rollback,
    try:
        started = time.monotonic()
        try:
            found = store.concept_check(names=True)
        except Unavailable as error:
            assert DATABASE == "postgresql" and "is busy" in str(error)
        else:
            assert DATABASE == "sqlite" and found["forms"]["pre"]["students"] == 0
        assert time.monotonic() - started < max(LOCK_WAIT, STATEMENT_WAIT) + 1.5
    finally:
        release[0](*release[1:])
        holder.close()
        if DATABASE != "sqlite":
            engine.dispose()


@pytest.mark.skipif(DATABASE != "postgresql", reason="PostgreSQL's own connection")
def test_a_postgresql_that_does_not_answer_is_a_sentence_within_seconds():
    from hubserver import free_port

    started = time.monotonic()
    with pytest.raises(Unavailable, match="did not answer"):
        Store(f"postgresql+psycopg://classroom@127.0.0.1:{free_port()}/classroom").check()
    assert time.monotonic() - started < 10


def test_results_and_reset_include_rows_stored_under_an_old_id(store):
    """Rows kept under an earlier release's lesson ids count for the lessons that hold their
    activities today, and a reset deletes them."""
    from lessonlib.course.activities import INCONSISTENT_ORDERS, OUTAGE
    from lessonlib.course.former import FORMER_IDS

    old_05, old_06, _ = FORMER_IDS
    new_05, new_06 = FORMER_IDS[old_05]
    store.add("ada", old_05, "prediction", INCONSISTENT_ORDERS[1],
              {"inconsistent orders": 4}, None)
    store.add("ada", old_05, "prediction", OUTAGE[1],
              {"local engines": 10, "one central orchestrator": 0}, None)
    store.add("ben", new_06, "prediction", INCONSISTENT_ORDERS[1],
              {"inconsistent orders": 0}, None)
    store.add("ben", old_06, "exercise", "not an activity today", True, True)

    sagas = store.results(new_06, names=False)
    inconsistent, = [p for p in sagas["predictions"] if p["key"] == INCONSISTENT_ORDERS[1]]
    assert inconsistent["values"]["inconsistent orders"] == {"4": 1, "0": 1}
    outage, = [p for p in store.results(new_05, names=False)["predictions"]
               if p["key"] == OUTAGE[1]]
    assert outage["answered"] == 1

    assert store.reset(new_06) == 2  # ada's old row and ben's new one; 05's stays
    assert store.count() == 2
    assert store.reset("07_commands_in_disguise") == 1  # all of old 06 is today's 07
    assert store.count() == 1
