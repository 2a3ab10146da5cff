"""A class on a real JupyterHub: each student follows the class link, runs lesson 00 and
answers its quiz in a real browser; each keeps their own progress; the instructor watches
the answers arrive on the classroom service's page (students may not); a frozen service
leaves the quiz working; a second pull keeps a student's edits; a closed tab frees its
kernel. The memory each student's server and kernels hold is measured on the way
(test-artifacts/hub-memory.json).
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import psutil
import pytest
from hubserver import COURSE, class_link, git, publish_student_branch
from student import answer as answer_question
from student import (
    close_notebook_tab,
    follow_link,
    open_page,
    open_student,
    run_all,
    selected,
    wait_for_lesson,
)

from conftest import runs
from lessonlib.course import classroom
from lessonlib.course.quiz import load_quiz

pytestmark = runs("6/sqlite", "5/sqlite")  # a class in a browser on each line (not per database)

REPORT = Path(__file__).resolve().parents[2] / "test-artifacts" / "hub-memory.json"
LESSON = "00_start_here"
QUESTION = "event-is"
MB = 1024 * 1024


def options(question_id: str = QUESTION) -> tuple[str, str]:
    """A right and a wrong option of one of lesson 00's questions, from the quiz file."""
    question = load_quiz(LESSON).question(question_id)
    right = next(o for o in question.options if question.is_right(o))
    wrong = next(o for o in question.options if not question.is_right(o))
    return right, wrong


def result_counts(student, question_id: str) -> dict[str, list[int]]:
    """On the classroom page: option -> [first answers, latest answers]."""
    return student.page.locator(f".lessonlib-result-{question_id} tr").evaluate_all(
        """rows => Object.fromEntries(rows.filter(r => r.querySelector('.lessonlib-count'))
             .map(r => [r.cells[0].innerText.trim(),
                        Array.from(r.querySelectorAll('.lessonlib-count'))
                             .map(c => parseInt(c.innerText))]))""")


def wait_for_counts(hub, student, question_id: str, wanted: dict, timeout: float = 30):
    return hub.wait_for(lambda: result_counts(student, question_id) == wanted,
                        f"the class results page to show {wanted}", timeout)


def progress_file(hub, user: str) -> Path:
    # No LESSONLIB_PROGRESS on the hub: each student's file is in their own Jupyter data dir.
    return hub.home(user) / ".local" / "share" / "jupyter" / "lessonlib" / "progress.json"


def saved_choice(hub, user: str, question_id: str = QUESTION) -> list[str] | None:
    path = progress_file(hub, user)
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    questions = data["lessons"][LESSON]["quizzes"][LESSON]["questions"]
    return questions[question_id]["choice"] if question_id in questions else None


def memory(pid: int) -> dict:
    """Resident and unique memory (MB) of a server process and of each kernel it started."""
    server = psutil.Process(pid)

    def figures(proc: psutil.Process) -> dict:
        info = proc.memory_full_info()
        return {"rss_mb": round(info.rss / MB, 1), "uss_mb": round(info.uss / MB, 1)}

    kernels = [figures(p) for p in server.children(recursive=True)
               if "ipykernel" in " ".join(p.cmdline())]
    return {"server": figures(server), "kernels": kernels,
            "total_rss_mb": round(figures(server)["rss_mb"] + sum(k["rss_mb"] for k in kernels), 1)}


def hub_memory(hub) -> dict:
    """Resident memory (MB) of what serves the whole class: the hub, its proxy, its services."""
    def rss(proc: psutil.Process) -> float:
        return round(proc.memory_info().rss / MB, 1)

    hub_process = psutil.Process(hub.process.pid)
    found = {"hub": rss(hub_process)}
    for child in hub_process.children():
        command = " ".join(child.cmdline())
        for name in ("configurable-http-proxy", "jupyterhub_idle_culler", "lessonlib.classroom_web"):
            if name in command:
                found[name] = rss(child)
    return found


def kernels_running(hub, user: str) -> int:
    return len(hub.user_api(user, "kernels"))


def test_each_student_pulls_the_course_runs_lesson_00_and_keeps_their_own_answers(
        hub, upstream, browser):
    right, wrong = options()
    link = class_link(hub, upstream)
    figures = {"load": " ".join(f"{x:.2f}" for x in psutil.getloadavg())}
    students = {}
    try:
        for name, choice in (("ada", right), ("ben", wrong)):
            started = time.monotonic()
            student = students[name] = open_student(browser, name)
            follow_link(student, link, hub.passwords[name], LESSON)
            arrived = time.monotonic() - started
            home = hub.home(name) / COURSE
            assert (home / "notebooks" / f"{LESSON}.ipynb").is_file()
            # The class link pulls the student branch: no model solutions in any home.
            assert not (home / "instructor").exists()
            state = run_all(student)
            assert [c["errors"] for c in state["cells"] if c["errors"]] == []
            # A student who arrives after another sees no one's answers but their own.
            assert selected(student, QUESTION) == []
            feedback = answer_question(student, QUESTION, choice)
            assert feedback.startswith("✓ Correct" if choice == right else "✗ Not quite")
            student.screenshot("lesson-00-answered")
            ran = time.monotonic() - started - arrived
            figures[name] = {"link_to_lesson_s": round(arrived, 1),
                             "run_all_and_answer_s": round(ran, 1),
                             "after_run_all": memory(hub.server_pid(name))}
            assert kernels_running(hub, name) == 1

        # Each progress file holds its owner's answer only.
        assert saved_choice(hub, "ada") == [right]
        assert saved_choice(hub, "ben") == [wrong]

        # The instructor's live page: both first answers, counted (the classroom service).
        teacher = students["teacher"] = open_student(browser, "teacher")
        page_url = f"{hub.url}/services/classroom/lessons/{LESSON}"
        open_page(teacher, page_url, hub.passwords["teacher"], f".lessonlib-result-{QUESTION}")
        assert "Answered: 2 of 2 (100%)" in teacher.page.inner_text(f".lessonlib-result-{QUESTION}")
        wait_for_counts(hub, teacher, QUESTION, {o: [int(o == right) + int(o == wrong)] * 2
                                                 for o in load_quiz(LESSON).question(QUESTION).options})
        teacher.screenshot("class-results")
        # Vote, discuss, vote again: Ben changes his answer; the open page follows by itself.
        answer_question(students["ben"], QUESTION, right)
        assert saved_choice(hub, "ben") == [right]
        wait_for_counts(hub, teacher, QUESTION, {
            o: [int(o == right) + int(o == wrong), 2 * int(o == right)]
            for o in load_quiz(LESSON).question(QUESTION).options})
        assert "ada" in teacher.page.inner_text("body")  # the per-student table
        teacher.screenshot("class-results-after-second-vote")
        # For the projector: the room view shows no names.
        open_page(teacher, page_url + "?room=1", hub.passwords["teacher"],
                  f".lessonlib-result-{QUESTION}")
        room = teacher.page.inner_text("body")
        assert "Answered: 2 of 2" in room and "ada" not in room and "ben" not in room
        teacher.screenshot("class-results-room")
        # A student asking for the class's answers is refused, in a sentence.
        peek = students["ada"].context.new_page()
        peek.goto(page_url)
        assert "Only an instructor" in peek.inner_text("body")
        peek.close()
        # Ada reloads: her own answer comes back, not Ben's (the later one).
        ada = students["ada"]
        ada.page.reload()
        wait_for_lesson(ada, LESSON)
        run_all(ada)
        assert selected(ada, QUESTION) == [right]

        # A frozen classroom service (stopped, not answering) leaves the quiz as it was:
        # the answer is checked, shown and saved at once; sending waits in the background.
        service = hub.service_pid("classroom")
        ticks = [o for o in load_quiz(LESSON).question("which-commands").options
                 if load_quiz(LESSON).question("which-commands").is_right(o)]
        os.kill(service, signal.SIGSTOP)
        try:
            started = time.monotonic()
            feedback = answer_question(ada, "which-commands", *ticks)
            took = time.monotonic() - started
            assert feedback.startswith("✓ Correct")
            assert saved_choice(hub, "ada", "which-commands") == ticks
            ada.screenshot("service-frozen")
        finally:
            os.kill(service, signal.SIGCONT)
        assert took < 5.0, f"Check took {took:.1f} s with the service frozen"
        figures["check_with_service_frozen_s"] = round(took, 1)
        # The answer waited in Ada's outbox (beside her progress file) and arrives once the
        # service answers again: her kernel sends it by itself.
        token = hub.token_for("ada", ["access:services!service=classroom"])

        def arrived():
            status, mine = hub.request("/services/classroom/api/answers/mine", token=token)
            return status == 200 and any(a["item"] == "which-commands"
                                         for a in mine["answers"])
        hub.wait_for(arrived, "Ada's answer, sent again after the service thawed", 90)
        outbox = progress_file(hub, "ada").with_name("progress.outbox.json")
        hub.wait_for(lambda: json.loads(outbox.read_text())["entries"] == [],
                     "Ada's outbox to empty", 30)

        # Closing a lesson's tab shuts its kernel down (deploy/singleuser/overrides.json).
        for name in ("ada", "ben"):
            student = students[name]
            close_notebook_tab(student)
            hub.wait_for(lambda n=name: kernels_running(hub, n) == 0,
                         f"{name}'s kernel to shut down after the tab closed", timeout=60)
            figures[name]["after_tab_closed"] = memory(hub.server_pid(name))
            student.screenshot("tab-closed")
        figures["class_wide"] = hub_memory(hub)
        for student in students.values():
            assert student.foreign_requests == [], student.foreign_requests
            assert student.page_errors == [], student.page_errors
    finally:
        for student in students.values():
            student.close()
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(json.dumps(figures, indent=1))
    print(json.dumps(figures, indent=1))


@runs("6/sqlite")  # nbgitpuller's merge, not the hub's: once
def test_a_second_pull_brings_the_instructors_change_and_keeps_the_students_edit(
        hub, upstream, browser):
    link = class_link(hub, upstream)
    student = open_student(browser, "ben")
    try:
        follow_link(student, link, hub.passwords["ben"], LESSON)
        lesson = hub.home("ben") / COURSE / "notebooks" / f"{LESSON}.ipynb"
        # Ben edits the "Your turn" cell and saves, as the lesson asks.
        cell = student.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell",
                                    has_text='Architecture("My first shop"').first
        cell.scroll_into_view_if_needed()
        cell.locator(".cm-content").click()
        student.page.keyboard.press("Control+End")
        student.page.keyboard.type('\nshop.add_service("Shipping")  # Ben was here')
        student.page.keyboard.press("Control+s")
        hub.wait_for(lambda: "Ben was here" in lesson.read_text(), "Ben's edit to be saved", 30)

        # The instructor changes the same lesson (further down) and adds a file upstream,
        # then publishes the student branch again.
        upstream_lesson = upstream / "notebooks" / f"{LESSON}.ipynb"
        text = upstream_lesson.read_text()
        assert text.count("Two questions on the core idea.") == 1
        upstream_lesson.write_text(text.replace("Two questions on the core idea.",
                                                "Two questions on the core idea (week 2)."))
        (upstream / "notebooks" / "COURSE_NOTES.md").write_text(
            "Week 2: read lesson 01 before class.\n")
        git(upstream, "add", "-A")
        git(upstream, "commit", "-q", "-m", "A note for week 2")
        publish_student_branch(upstream)

        follow_link(student, link, hub.passwords["ben"], LESSON)
        pulled = hub.home("ben") / COURSE / "notebooks" / "COURSE_NOTES.md"
        assert pulled.read_text() == "Week 2: read lesson 01 before class.\n"
        # nbgitpuller merged: the instructor's change and Ben's edit, in the same notebook.
        assert "Ben was here" in lesson.read_text()
        assert "Two questions on the core idea (week 2)." in lesson.read_text()
        assert not (hub.home("ben") / COURSE / "instructor").exists()
        student.screenshot("after-second-pull")
    finally:
        student.close()


@pytest.mark.parametrize("service", ["idle-culler"])
def test_the_hub_runs_the_culler_of_deploy(hub, service):
    services = hub.api("services")
    assert services[service]["pid"] > 0
    assert psutil.pid_exists(services[service]["pid"])


def test_an_instructors_own_server_token_cannot_read_the_class(hub):
    """The token in an instructor's server (so in every kernel they run) reaches the service
    but holds no instructor scope: a notebook they open cannot read names or reset."""
    hub.api("users/teacher/server", method="POST")
    try:
        hub.wait_for(lambda: (hub.user("teacher")["servers"].get("") or {}).get("ready"),
                     "the teacher's server to start", timeout=180)
        found = hub.api("users/teacher/tokens")
        tokens = found["api_tokens"] if isinstance(found, dict) else found
        server_tokens = [t for t in tokens if "Server at" in (t.get("note") or "")]
        assert server_tokens, tokens
        for token in server_tokens:
            assert classroom.INSTRUCTOR_SCOPE not in token["scopes"], token
            assert "access:services!service=classroom" in token["scopes"], token
    finally:
        hub.stop_server("teacher")
