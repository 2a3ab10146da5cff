"""Predictions nothing spoils: lessons 02 to 07 and 09, run top to bottom as Run All does,
show no counted result and no explanation of one before the prediction is revealed.

The notebooks run in a fresh kernel with a progress file of their own (no saved
prediction), and the test reads everything a student would see: the Markdown,
every output (text, HTML, image alt text) and every widget's text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from lessonlib import coupling_report, impact, insert_step, reorder, scenarios
from lessonlib.course.activities import activities
from lessonlib.course.exercise import criminal_check_counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _shop_results() -> list[str]:
    chain = scenarios.order_fulfilment_choreography()
    owner = scenarios.order_fulfilment_orchestration()
    return [
        impact(chain, reorder(chain, "Payment", "Inventory")).summary(),
        impact(owner, reorder(owner, "Payment", "Inventory")).summary(),
        impact(chain, insert_step(chain, "Fraud check", after="Payment",
                                  event="FraudChecked")).summary(),
        impact(owner, insert_step(owner, "Fraud check", after="Payment", command="CheckFraud",
                                  event="FraudChecked")).summary(),
        "2 services must change: Payment, Inventory (2 changed)",  # VIPs, in the chain
        "now owns the process 'VIP order fulfilment'",  # VIPs, with the order service
    ]


def _who_depends_results() -> list[str]:
    from lessonlib.ledger import ledger

    reports = [coupling_report(scenarios.order_fulfilment_choreography()),
               coupling_report(scenarios.order_fulfilment_orchestration())]
    found = ledger()
    return ([line for report in reports for line in report.splitlines()[:1]]
            + found.table().splitlines() + [e.why for e in found.entries]
            + [r.summary().split(" Untouched")[0] for r in found.reactor.values()])


def _false_alarm_results() -> list[str]:
    from lessonlib.disguise import detect

    report = detect(scenarios.costume_catalogue())
    return [str(report.finding("OrderPlaced")).splitlines()[0], report.summary()]


def _criminal_check_results() -> list[str]:
    _, report = criminal_check_counts()
    return [line.split(": ", 1)[1].split(". Untouched")[0] for line in report.splitlines()]


def _explanations(lesson: str) -> list[str]:
    """The first sentence of each explanation a reveal gives (bold and code marks dropped)."""
    found = []
    for spec in activities(lesson, "prediction"):
        plain = re.sub(r"[*`]", "", spec.after)
        found += [s.strip() for s in re.split(r"(?<=[.:])\s", plain)[:2] if len(s.strip()) > 20]
    return found


def _trip_results() -> list[str]:
    from lessonlib.trip_booking import CHANGES, change_impacts

    return [result.summary() for change in CHANGES
            for result in change_impacts(change).values()]


def _track_then_manage_results() -> list[str]:
    """Lesson 05: what the tracker saw on the day, what the plain-code owner and the engine
    sent, and what each outage stopped (the placements' change counts are shown before the
    outage prediction on purpose: they are not its answer)."""
    from lessonlib.course.track_manage import engine_reveal, tracking_reveal
    from lessonlib.placement import one_standard, outage_lab, outage_table

    _, tracked = tracking_reveal()
    _, engine = engine_reveal()
    lab = outage_lab()
    lines = [*tracked.splitlines()[1:-1], *engine.splitlines()[:2],
             *outage_table(lab).splitlines()[1:], *one_standard(lab).splitlines()]
    return [line.strip() for line in lines if len(line.strip()) > 20]


def _saga_results() -> list[str]:
    from lessonlib.labs import refund_impact
    from lessonlib.saga_lab import TIMEOUT_LAB, timeout_outcomes

    counted = timeout_outcomes()
    return [*(result.summary() for result in refund_impact().values()),
            "The refund rule lives in: Payment.", "The refund rule lives in: Order.",
            f"The owner, of {TIMEOUT_LAB['order fulfilment']['orders']}:",
            f"{counted['inconsistent']} inconsistent; {counted['stuck']} stuck"]


SPOILERS = {
    "02_who_depends_on_whom": _who_depends_results,
    "03_the_event_chain_trap": _shop_results,
    "04_criminal_check_exercise": _criminal_check_results,
    "05_track_then_manage": _track_then_manage_results,
    "06_sagas_that_earn_their_timers": _saga_results,
    "07_commands_in_disguise": _false_alarm_results,
    "09_capstone_trip_booking": _trip_results,
}
#: The reveal buttons each lesson shows, waiting for a saved prediction.
BUTTONS = {"02_who_depends_on_whom": ("Reveal the links", "Reveal the ledger"),
           "03_the_event_chain_trap": ("Reveal the counts",),
           "04_criminal_check_exercise": ("Reveal the counts",),
           "05_track_then_manage": ("Run the day", "Run both", "Run the outages"),
           "06_sagas_that_earn_their_timers": ("Reveal the counts", "Open the lab"),
           "07_commands_in_disguise": ("Run the detector",),
           "09_capstone_trip_booking": ("Reveal the counts",)}


# The static edition's reveal keeps the counts folded, opened on purpose after predicting
# on paper (lessonlib.widgets.prediction.RevealView): not seen before the reveal.
_FOLDED_ANSWER = re.compile(r"<details class='lessonlib-answer'>.*?</details>", re.S)


def _visible_text(nb) -> str:
    parts = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            data = out.get("data", {})
            parts += [_FOLDED_ANSWER.sub("", str(data.get(k, "")))
                      for k in ("text/plain", "text/html", "text/markdown")]
            parts += [str(meta.get("alt", "")) for meta in out.get("metadata", {}).values()
                      if isinstance(meta, dict)]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    for model in state.get("state", {}).values():
        values = model.get("state", {})
        parts += [str(values.get(k, "")) for k in ("value", "description", "placeholder")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", "\n".join(parts)))


@pytest.mark.parametrize("lesson", sorted(SPOILERS))
def test_run_all_shows_no_result_before_the_reveal(lesson, tmp_path, monkeypatch):
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(tmp_path / "progress.json"))
    path = NOTEBOOKS / f"{lesson}.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seen = _visible_text(nb)
    assert all(button in seen for button in BUTTONS[lesson])  # the reveals are there, waiting
    assert "Save my prediction" in seen
    for result in SPOILERS[lesson]() + _explanations(lesson):
        needle = re.sub(r"\s+", " ", result)
        assert needle not in seen, f"{lesson} shows {needle!r} before the reveal"
    saved = tmp_path / "progress.json"
    progress = json.loads(saved.read_text(encoding="utf-8")) if saved.exists() else {"lessons": {}}
    for entry in progress["lessons"].values():  # Run All predicted and revealed nothing
        assert not any(isinstance(v, dict) and "revealed" in v for v in entry.get("values", {}).values())
