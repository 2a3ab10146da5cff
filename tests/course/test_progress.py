"""The progress file: location, atomic writes, corrupt files, concurrent kernels, reset."""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os

import pytest

from lessonlib.course.progress import (
    progress_path,
    recall,
    record,
    reset_progress,
    save_answer,
    saved_answers,
    take_notices,
)
from lessonlib.course.roadmap import course_text
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.widgets.progress import progress

progress_module = importlib.import_module("lessonlib.course.progress")


@pytest.fixture(autouse=True)
def path(tmp_path, monkeypatch):
    target = tmp_path / "state" / "progress.json"
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(target))
    monkeypatch.setattr(progress_module, "_write_failed", False)
    take_notices()
    yield target
    take_notices()


def test_path_follows_the_environment_variable(path, monkeypatch):
    assert progress_path() == path
    monkeypatch.delenv("LESSONLIB_PROGRESS")
    from jupyter_core.paths import jupyter_data_dir

    assert str(progress_path()) == os.path.join(jupyter_data_dir(), "lessonlib", "progress.json")


def test_answers_are_recorded_per_lesson_quiz_question(path):
    save_answer("01_commands_and_events", "q1", ["A"], False)
    save_answer("01_commands_and_events", "q1", ["B"], True)
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["lessons"]["01_commands_and_events"]["quizzes"]["01_commands_and_events"]
    rec = entry["questions"]["q1"]
    assert rec["choice"] == ["B"]
    assert rec["correct"] is True
    assert rec["attempts"] == 2
    assert rec["time"].endswith("+00:00")
    assert saved_answers("01_commands_and_events") == {"q1": rec}
    assert saved_answers("02_who_depends") == {}


def test_record_and_recall(path):
    assert recall("03_event_chain", "prediction") is None
    assert recall("03_event_chain", "prediction", default=0) == 0
    record("03_event_chain", "prediction", 3)
    record("03_event_chain", "names", ["Payment", "Inventory"])
    assert recall("03_event_chain", "prediction") == 3
    assert recall("03_event_chain", "names") == ["Payment", "Inventory"]
    assert recall("04_criminal_check", "prediction") is None
    with pytest.raises(LessonTypeError, match=r"got \{1\} \(set\)"):
        record("03_event_chain", "bad", {1})
    with pytest.raises(LessonError, match="letters, digits"):
        record("03 event chain", "prediction", 1)
    with pytest.raises(LessonTypeError, match="non-empty string"):
        record("03_event_chain", "", 1)
    assert recall("03_event_chain", "bad") is None  # a refused value is not stored


def test_atomic_write_keeps_the_old_file_when_a_write_fails(path, monkeypatch):
    record("01_commands_and_events", "x", 1)
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(progress_module.os, "fsync", disk_full)
        record("01_commands_and_events", "x", 2)  # never raises into a lesson
        assert path.read_bytes() == before
        names = sorted(p.name for p in path.parent.iterdir())
        assert names == ["progress.json", "progress.json.lock"]  # temp file removed
        notes = take_notices()
        assert len(notes) == 1 and "could not be saved" in notes[0]
        assert "No space left on device" in notes[0]
        record("01_commands_and_events", "x", 3)
        assert take_notices() == []  # told once, not on every click
    assert recall("01_commands_and_events", "x") == 1


@pytest.mark.parametrize(
    "content", [b"{not json", b"\xff\xfe garbage", b"[1, 2, 3]", b'{"lessons": 5}', b""]
)
def test_corrupt_file_is_set_aside_and_reported_once(path, content):
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert recall("01_commands_and_events", "x") is None  # no crash
    notes = take_notices()
    assert len(notes) == 1
    assert "could not be read" in notes[0] and ".corrupt-" in notes[0]
    aside = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert not path.exists()
    record("01_commands_and_events", "x", 1)
    assert recall("01_commands_and_events", "x") == 1
    assert take_notices() == []  # reported once


def test_a_valid_file_with_odd_entries_never_crashes(path):
    odd = {"lessons": {"00_start_here": 5, "01_commands_and_events": {"quizzes": [],
           "values": "x"}, "03_event_chain": {"quizzes": {"03_event_chain": {"questions": {
               "q1": {"choice": [42], "attempts": "many"}, "q2": "yes"}}}}}}
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(odd))
    assert saved_answers("00_start_here") == {}
    assert recall("01_commands_and_events", "x") is None
    assert "not started" in course_text()
    save_answer("00_start_here", "event-is", ["x"], True)
    record("01_commands_and_events", "x", 1)
    save_answer("03_event_chain", "q1", ["A"], False)
    assert saved_answers("00_start_here")["event-is"]["attempts"] == 1
    assert recall("01_commands_and_events", "x") == 1
    assert saved_answers("03_event_chain")["q1"]["attempts"] == 1
    assert take_notices() == []  # nothing was set aside: the file was valid JSON


def test_reset_one_lesson_keeps_the_others():
    save_answer("00_start_here", "event-is", ["x"], True)
    record("00_start_here", "seen", True)
    record("03_event_chain", "prediction", 3)
    assert reset_progress("00_start_here") == "Saved progress for '00_start_here' was forgotten."
    assert saved_answers("00_start_here") == {}
    assert recall("00_start_here", "seen") is None
    assert recall("03_event_chain", "prediction") == 3


def test_reset_all_must_be_explicit():
    record("03_event_chain", "prediction", 3)
    with pytest.raises(LessonError, match="Say which lesson to reset"):
        reset_progress()
    assert recall("03_event_chain", "prediction") == 3
    with pytest.raises(LessonError, match="not both"):
        reset_progress("03_event_chain", all_lessons=True)
    with pytest.raises(LessonError, match="no lesson '00_strat_here' to reset. Did you mean '00_start_here'"):
        reset_progress("00_strat_here")
    assert reset_progress(all_lessons=True) == "All saved progress was forgotten."
    assert recall("03_event_chain", "prediction") is None


def _writer(target: str, who: str, count: int) -> None:
    os.environ["LESSONLIB_PROGRESS"] = target
    for i in range(count):
        record("03_event_chain", f"{who}-{i}", i)


def test_progress_view_lists_lessons_not_started_and_scores():
    assert "00 Start here: Score: 0 / 2 - not started" in course_text()
    html = progress().lessons.value
    assert "00 Start here" in html and "lessonlib-course-not-started" in html
    from lessonlib.course.quiz import load_quiz

    event_is = load_quiz("00_start_here").question("event-is")
    right = next(o for o in event_is.options if event_is.is_right(o))
    save_answer("00_start_here", "event-is", [right], True)
    assert "00 Start here: Score: 1 / 2 - answer 1 more" in course_text()
    wrong = next(o for o in event_is.options if not event_is.is_right(o))
    save_answer("00_start_here", "event-is", [wrong], False)
    assert "Quiz: 0 of 2 right" in progress().lessons.value  # latest answer counts
    assert "lessonlib-progress" in progress()._dom_classes


def test_progress_is_callable_from_the_package_even_after_the_module_is_imported():
    import lessonlib
    import lessonlib.course.progress  # noqa: F401  (a module of another name, in course/)
    from lessonlib import progress as from_package

    assert callable(from_package) and callable(lessonlib.progress)
    assert "not started" in from_package().lessons.value.lower()


def test_a_progress_file_in_the_format_of_version_0_1_still_loads(path):
    """A student who upgrades loses no answer: a file written by lessonlib 0.1.0 loads."""
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "lessons": {
        "00_start_here": {"quizzes": {"00_start_here": {"questions": {"event-is": {
            "choice": ["a fact about the past"], "correct": True, "attempts": 2,
            "time": "2026-11-28T10:00:00+00:00"}}}},
            "values": {"seen": 1}},
        "04_criminal_check_exercise": {"values": {"criminal check": {
            "values": {"choreography": 1, "orchestration": 2}, "revealed": True}}}}}),
        encoding="utf-8")
    assert saved_answers("00_start_here")["event-is"]["attempts"] == 2
    assert recall("00_start_here", "seen") == 1
    assert recall("04_criminal_check_exercise", "criminal check")["revealed"] is True
    save_answer("00_start_here", "event-is", ["a request to act"], False)
    assert saved_answers("00_start_here")["event-is"]["attempts"] == 3
    # Its options have been reworded since 0.1.0: the old answers are asked again.
    assert "00 Start here: Score: 0 / 2 - not started" in course_text()


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(("content", "why"), [
    (b'{"format": 1, "lessons": {"00_start_here": {"values": {"x": ' + b"9" * 5000 + b"}}}}",
     "number too long"),
    (b'{"format": 1, "lessons": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}",
     "nested too deeply"),
    (b'{"format": 1, "lessons": {"00_start_here": {"values": {"x": ' + b"[" * 500
     + b"]" * 500 + b"}}}}", "nested too deeply"),
])
def test_unreadable_numbers_and_nesting_are_set_aside_once(path, content, why):
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert recall("00_start_here", "x") is None  # no crash, on this call or any later one
    notes = take_notices()
    assert len(notes) == 1 and "could not be read" in notes[0] and why in notes[0], notes
    assert "could not be read" not in course_text()  # said once
    record("00_start_here", "x", 1)
    assert recall("00_start_here", "x") == 1
    aside = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert take_notices() == []


def test_record_refuses_what_the_file_could_not_read_back(path):
    deep: list = [1]
    for _ in range(40):
        deep = [deep]
    for bad in (10 ** 5000, float("nan"), float("inf"), deep):
        with pytest.raises(LessonTypeError, match="record\\(\\) keeps") as info:
            record("00_start_here", "x", bad)
        assert len(str(info.value)) < 400
    assert not path.exists()


@pytest.mark.parametrize("key", [["a"], None, "", 5, {"k": 1}])
def test_record_and_recall_refuse_the_same_keys(key):
    for call in (lambda: record("00_start_here", key, 1), lambda: recall("00_start_here", key)):
        with pytest.raises(LessonTypeError, match="A key must be a non-empty string"):
            call()


@pytest.mark.parametrize("lesson", ["²", "0²", "x" * 10_000, "00_start_here\n", ["00"], None])
def test_bad_lesson_ids_get_a_sentence(lesson):
    with pytest.raises(LessonError) as info:
        record(lesson, "x", 1)
    assert len(str(info.value)) < 400


def test_temporary_files_of_a_killed_writer_are_cleaned_up(path):
    path.parent.mkdir(parents=True)
    stale = [path.parent / f".{path.name}.abc{i}.tmp" for i in range(3)]
    for tmp in stale:
        tmp.write_text("{half a wri")
    other = path.parent / "notes.tmp"
    other.write_text("not ours")
    record("00_start_here", "x", 1)
    assert not any(tmp.exists() for tmp in stale)
    assert other.exists()
    assert recall("00_start_here", "x") == 1


def _acknowledging_writer(target: str, who: str, acks) -> None:
    os.environ["LESSONLIB_PROGRESS"] = target
    i = 0
    while True:
        record("03_event_chain", f"{who}-{i}", i)
        acks.send(i)  # only once record() has returned: this answer must survive
        i += 1


def test_no_answer_is_lost_when_writers_are_killed_mid_write(path):
    """50 times: a writer is killed at a random moment; every answer it saw saved is there."""
    import random
    import signal
    import time

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    rng = random.Random(15)
    confirmed: dict[str, int] = {}
    for kill in range(50):
        receiving, sending = context.Pipe(duplex=False)
        who = f"w{kill}"
        worker = context.Process(target=_acknowledging_writer, args=(str(path), who, sending))
        worker.start()
        # Let it save one answer first (a loaded machine may start it late), then kill it
        # at a random moment of the writes that follow.
        assert receiving.poll(30), f"writer {who} saved nothing within 30 s"
        confirmed[f"{who}-{receiving.recv()}"] = 1
        time.sleep(rng.uniform(0.005, 0.06))
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(timeout=30)
        sending.close()
        while receiving.poll():
            try:
                confirmed[f"{who}-{receiving.recv()}"] = 1
            except EOFError:
                break
        values = json.loads(path.read_text())["lessons"]["03_event_chain"]["values"] \
            if path.exists() else {}
        lost = [k for k in confirmed if k not in values]
        assert lost == [], f"kill {kill}: answers lost: {lost}"
    assert len(confirmed) >= 50  # every writer wrote before it was killed
    record("03_event_chain", "after", 1)  # the next writer cleans up what the killed left
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert take_notices() == []


@pytest.mark.parametrize("writers, each", [("ab", 50), ("abcd", 40)])
def test_processes_writing_at_once_lose_nothing(path, writers, each):
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    workers = [context.Process(target=_writer, args=(str(path), who, each)) for who in writers]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
        assert w.exitcode == 0
    values = json.loads(path.read_text())["lessons"]["03_event_chain"]["values"]
    assert values == {f"{who}-{i}": i for who in writers for i in range(each)}
    assert take_notices() == []
