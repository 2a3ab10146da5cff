"""A student in a real browser on the test hub: log in through the class link, run, answer.

Small on purpose and independent of ``tests/browser`` (its helpers are being
reorganised): the hub tests need only these steps. Every wait is bounded and
fails with a sentence saying what it waited for.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
VIEWPORT = {"width": 1300, "height": 900}
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: Seconds for the link to end in an open lesson: log in, start the server, pull, open JupyterLab.
ARRIVE_TIMEOUT = 300.0
#: Seconds for Run All of lesson 00 on a busy machine.
RUN_TIMEOUT = 180.0
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps", "--disable-extensions"]

# The open notebook as JupyterLab's model sees it (window.jupyterapp is exposed by the
# test hub's server flag): the kernel's state and each code cell's count and errors.
_STATE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.sessionContext || !panel.content || !panel.content.widgets) return null;
  const kernel = panel.sessionContext.session ? panel.sessionContext.session.kernel : null;
  const cells = [];
  panel.content.widgets.forEach((cell) => {
    if (cell.model.type !== 'code') return;
    const errors = [];
    for (let i = 0; i < cell.model.outputs.length; i++) {
      const out = cell.model.outputs.get(i).toJSON();
      if (out.output_type === 'error') errors.push(out.ename + ': ' + out.evalue);
    }
    cells.push({count: cell.model.executionCount, running: cell.model.executionState === 'running',
                empty: cell.model.sharedModel.getSource().trim() === '', errors});
  });
  return {path: panel.context.path, connection: kernel ? kernel.connectionStatus : null,
          status: kernel ? kernel.status : null, cells};
}"""


@dataclass
class Student:
    """One student's browser context and page, and what the page did."""

    name: str
    context: object
    page: object
    foreign_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def screenshot(self, label: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"hub-{self.name}-{label}.png"
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.context.close()


def open_student(browser, name: str) -> Student:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    student = Student(name, context, page)

    def on_request(request) -> None:
        url = request.url
        if not url.startswith(("data:", "blob:")) and urlsplit(url).hostname != "127.0.0.1":
            student.foreign_requests.append(url)

    page.on("request", on_request)
    page.on("pageerror", lambda error: student.page_errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" on a second visit
    return student


def state(page) -> dict | None:
    return page.evaluate(_STATE)


def wait_until(page, ready, what: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            current = state(page)
        except Exception:  # noqa: BLE001 - the page is navigating; look again
            current = None
        if current is not None and ready(current):
            return current
        if time.monotonic() > deadline:
            raise TimeoutError(f"Waited {timeout:.0f} s for {what}; the page is at "
                               f"{page.url} and the notebook is {current and {k: current[k] for k in ('path', 'connection', 'status')}}.")
        page.wait_for_timeout(250)


def idle(s: dict) -> bool:
    return s["connection"] == "connected" and s["status"] == "idle"


def follow_link(student: Student, link: str, password: str, lesson: str) -> dict:
    """Open the class link as a student who is not logged in: the hub asks for the
    password, starts the server, nbgitpuller pulls the course, JupyterLab opens ``lesson``."""
    page = student.page
    page.goto(link)
    if page.locator("#login_submit").count():
        page.fill("#username_input", student.name)
        page.fill("#password_input", password)
        page.click("#login_submit")
    return wait_for_lesson(student, lesson, ARRIVE_TIMEOUT)


def open_page(student: Student, url: str, password: str, ready: str) -> None:
    """Open ``url``, logging in on the hub's page if asked; wait for ``ready`` (a selector)."""
    page = student.page
    page.goto(url)
    if page.locator("#login_submit").count():
        page.fill("#username_input", student.name)
        page.fill("#password_input", password)
        page.click("#login_submit")
    page.locator(ready).first.wait_for(timeout=120_000)


def wait_for_lesson(student: Student, lesson: str, timeout: float = 120.0) -> dict:
    """Wait until ``lesson`` is the open notebook and its kernel is idle; return the state."""
    page = student.page
    page.locator(f"{NOTEBOOK} .jp-Cell").first.wait_for(timeout=timeout * 1000)
    return wait_until(page, lambda s: s["path"].endswith(f"{lesson}.ipynb") and idle(s),
                      f"{lesson} open with its kernel idle", timeout)


def run_all(student: Student) -> dict:
    """Run > Run All Cells; wait until every non-empty code cell has run; return the state."""
    page = student.page
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    return wait_until(page, lambda s: idle(s) and all(
        c["count"] is not None and not c["running"] for c in s["cells"] if not c["empty"]),
        "Run All to finish", RUN_TIMEOUT)


def question(page, question_id: str):
    return page.locator(f"{NOTEBOOK} .lessonlib-question-{question_id}")


def answer(student: Student, question_id: str, *options: str) -> str:
    """Pick ``options`` (tick them, in a tick-all question), press Check, return the feedback."""
    box = question(student.page, question_id)
    box.scroll_into_view_if_needed()
    feedback = box.locator(".lessonlib-feedback")
    before = feedback.inner_text().strip()
    for option in options:
        box.get_by_label(option, exact=True).check()
    box.get_by_role("button", name=re.compile(r"^Check question \d+$")).click()
    deadline = time.monotonic() + 30
    while feedback.inner_text().strip() in ("", before):
        if time.monotonic() > deadline:
            raise TimeoutError(f"No feedback under question {question_id!r} 30 s after Check.")
        student.page.wait_for_timeout(200)
    return feedback.inner_text().strip()


def selected(student: Student, question_id: str) -> list[str]:
    """The options shown as picked in a single-choice question (restored from progress)."""
    inputs = question(student.page, question_id).locator(".lessonlib-options input")
    return inputs.evaluate_all(
        "els => els.filter(e => e.checked).map(e => e.closest('label').innerText.trim())")


def close_notebook_tab(student: Student) -> None:
    """Close the open notebook's tab with its x, as a student would; a notebook with
    unsaved changes (Run All leaves outputs) asks first, and the student saves."""
    page = student.page
    page.locator(".jp-mod-current .lm-TabBar-tabCloseIcon").first.click()
    save = page.locator(".jp-Dialog").get_by_role("button", name="Save", exact=True)
    deadline = time.monotonic() + 30
    while page.locator(NOTEBOOK).count():
        if save.count():
            save.click()
        if time.monotonic() > deadline:
            raise TimeoutError("The notebook's tab was still open 30 s after its x was clicked.")
        page.wait_for_timeout(200)
