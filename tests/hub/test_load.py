"""200 students at once, and the faults a class hub meets: no answer is lost.

Each scenario signs up 200 new students on the hub, each with a token of their own
(so every first answer is a new token the service must ask the hub about), and
gives each the sending side of a real kernel: an outbox beside a progress file of
their own and a :class:`lessonlib.course.classroom.Sender` thread, exactly as a
lesson uses them. All 200 hand in two answers at the same moment; then, in the
fault scenarios, something breaks mid-burst:

``killed``   the classroom service is killed (SIGKILL); the hub starts it again
             (it looks every 30 s or so); on SQLite
``locked``   another process holds the database's write lock for 10 s (SQLite:
             ``BEGIN EXCLUSIVE``; PostgreSQL: ``LOCK TABLE ... ACCESS EXCLUSIVE``)
``stopped``  PostgreSQL is stopped for 10 s, then started again

Every answer must end up stored exactly once (**0 lost**, no duplicate) and counted
on the instructor's results; the service must keep answering within seconds while
its database is locked. The figures (answers sent, stored, lost; p50, p95, p99 of
the seconds from handing in to the service's confirmation) are printed and written
to ``test-artifacts/classroom-load.json``, keyed by JupyterHub, database and scenario.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import DATABASE, TESTED, runs
from lessonlib.classroom_web.base import DB_WAIT
from lessonlib.course.activities import activities, lessons
from lessonlib.course.classroom import INSTRUCTOR_SCOPE, Outbox, Sender, payload

ACCESS = "access:services!service=classroom"
API = "/services/classroom/api/"
REPORT = Path(__file__).resolve().parents[2] / "test-artifacts" / "classroom-load.json"
STUDENTS = 200
#: The first lesson with two single-choice questions, found in the course's list of activities.
LESSON = next(lesson for lesson in lessons()
              if len([a for a in activities(lesson, kind="quiz") if a.shape == "single"]) >= 2)
#: Seconds after the burst starts that the fault strikes, and how long a lock or a stop lasts.
FAULT_AT = 0.5
FAULT_FOR = 10.0
#: Seconds every answer has to arrive: the hub restarts a killed service within ~35 s, and a
#: kernel's pause between tries grows to 30 s.
DEADLINE = 150.0
#: Every run has 200 students at once; the faults strike on the current line (they are the
#: service's and the database's, not the hub's: once is enough). The service is killed once,
#: on SQLite (a killed process is not the database's doing); each database has its lock held,
#: and PostgreSQL is stopped.
ON_6 = runs("6/sqlite", "6/postgresql")
SCENARIOS = [pytest.param(fault, marks=() if fault == "none" else ON_6) for fault in
             {"sqlite": ["none", "killed", "locked"],
              "postgresql": ["none", "locked", "stopped"]}[DATABASE]]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 3)


def sign_up(hub, prefix: str) -> dict[str, str]:
    """200 new students on the hub, each with a new token that may reach the service."""
    names = [f"{prefix}{n:03d}" for n in range(STUDENTS)]
    hub.api("users", method="POST", body={"usernames": names})
    with ThreadPoolExecutor(8) as pool:
        return dict(zip(names, pool.map(lambda n: hub.token_for(n, [ACCESS]), names),
                        strict=True))


def answers_of(n: int) -> list[dict]:
    """Two answers the n-th student gives: the lesson's first two quiz questions, from the
    course's one list of activities."""
    questions = [a for a in activities(LESSON, kind="quiz") if a.shape == "single"][:2]
    return [payload(a, [a.options[n % len(a.options)]]) for a in questions]


class Fault(threading.Thread):
    """Strikes FAULT_AT seconds after start; while a lock lasts, records how long the
    service takes to answer its health check (no database) and a student's request for
    their own answers (the database): it must never freeze."""

    def __init__(self, kind: str, hub, database, token: str):
        super().__init__(daemon=True)
        self.kind, self.hub, self.database, self.token = kind, hub, database, token
        self.health: list[float] = []
        self.mine: list[tuple[int, float]] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            time.sleep(FAULT_AT)
            getattr(self, self.kind)()
        except BaseException as error:  # noqa: BLE001 - said by the test
            self.error = error

    def killed(self) -> None:
        os.kill(self.hub.service_pid("classroom"), signal.SIGKILL)

    def _hold(self, release) -> None:
        ends = time.monotonic() + FAULT_FOR
        try:
            while time.monotonic() < ends:
                started = time.monotonic()
                self.hub.request(API + "health", token="none", timeout=30)
                self.health.append(time.monotonic() - started)
                started = time.monotonic()
                status, _reply = self.hub.request(API + "answers/mine", token=self.token,
                                                  timeout=30)
                self.mine.append((status, time.monotonic() - started))
                time.sleep(0.5)
        finally:
            release()

    def locked(self) -> None:
        if self.database.sqlite_file is not None:
            db = sqlite3.connect(self.database.sqlite_file, isolation_level=None, timeout=30)
            db.execute("BEGIN EXCLUSIVE")
            self._hold(lambda: (db.execute("ROLLBACK"), db.close()))
            return
        from sqlalchemy import create_engine, text

        engine = create_engine(self.database.url)
        db = engine.connect()
        db.execute(text("LOCK TABLE submissions IN ACCESS EXCLUSIVE MODE"))
        self._hold(lambda: (db.rollback(), db.close(), engine.dispose()))

    def stopped(self) -> None:
        self.database.server.stop()
        time.sleep(FAULT_FOR)
        self.database.server.start()


@pytest.fixture(scope="module")
def teacher(hub):
    hub.wait_for(lambda: hub.request(API + "health", token="none")[0] == 200,
                 "the classroom service to answer", timeout=120)
    return hub.token_for("teacher", [ACCESS, INSTRUCTOR_SCOPE])


@pytest.mark.parametrize("fault", SCENARIOS)
def test_200_students_at_once_lose_no_answer(hub, database, stored, teacher, tmp_path, fault):
    hub.wait_for(lambda: hub.request(API + "health", token="none")[0] == 200,
                 "the classroom service to answer", timeout=120)
    tokens = sign_up(hub, fault)
    url = hub.url + "/services/classroom/"
    delivered: list[tuple[str, int, float]] = []
    lock = threading.Lock()

    def record(body, status, seconds):
        with lock:
            delivered.append((body["id"], status, seconds))

    senders = [Sender(Outbox(tmp_path / name / "progress.outbox.json"), url,
                      token=lambda t=token: t, on_delivered=record)
               for name, token in tokens.items()]
    handed_in = [(sender, body) for n, sender in enumerate(senders) for body in answers_of(n)]
    strike = None if fault == "none" else Fault(fault, hub, database, next(iter(tokens.values())))
    started = time.monotonic()
    if strike is not None:
        strike.start()
    for sender, body in handed_in:  # every student hands in at once: about 0.2 s for all
        sender.queue(body)
    try:
        arrived = all(sender.flush(timeout=max(1.0, DEADLINE - (time.monotonic() - started)))
                      for sender in senders)
        seconds = time.monotonic() - started
        if strike is not None:
            strike.join(timeout=FAULT_FOR + 30)
    finally:
        for sender in senders:
            sender.stop()
    latencies = [s for _sid, _status, s in delivered if s is not None]
    figures = {
        "students": STUDENTS, "answers_sent": len(handed_in),
        "confirmed": len(delivered), "stored": stored(LESSON, prefix=fault),
        "stored_once": stored(LESSON, prefix=fault, distinct=True),
        "posts": sum(sender.posts for sender in senders), "seconds": round(seconds, 1),
        "latency_s": {"p50": percentile(latencies, 0.50), "p95": percentile(latencies, 0.95),
                      "p99": percentile(latencies, 0.99), "max": percentile(latencies, 1.0),
                      "mean": round(statistics.mean(latencies), 3) if latencies else None},
    }
    figures["lost"] = figures["answers_sent"] - figures["stored_once"]
    if strike is not None and strike.health:
        figures["during_the_lock"] = {
            "health_s_max": round(max(strike.health), 3),
            "own_answers_s_max": round(max(t for _s, t in strike.mine), 3),
            "own_answers_statuses": sorted({s for s, _t in strike.mine})}
    _report(f"{TESTED[-1].split(' (')[0] if TESTED else '?'} / {fault}", figures)
    assert strike is None or strike.error is None, strike.error
    assert arrived, figures
    assert figures["lost"] == 0 and figures["stored"] == figures["answers_sent"], figures
    if strike is not None and strike.health:  # the service never froze on its database
        assert max(strike.health) < 1.5, figures
        assert max(t for _s, t in strike.mine) < DB_WAIT + 3, figures
    if fault == "none":
        assert seconds < 60, figures
    # Every answer is on the instructor's results.
    status, results = hub.request(API + f"results/{LESSON}", token=teacher)
    assert status == 200
    done = {s["student"]: s["answered"] for s in results["completion"]
            if s["student"].startswith(fault)}
    assert done == {name: 2 for name in tokens}


def _report(key: str, figures: dict) -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    try:
        found = json.loads(REPORT.read_text())
    except (OSError, ValueError):
        found = {}
    found[key] = figures
    REPORT.write_text(json.dumps(found, indent=1))
    print(key, json.dumps(figures))
