"""Designed outputs: reports as HTML cards built from the same values as their sentences."""

from __future__ import annotations

import re

import pytest

from lessonlib import (
    advise,
    case,
    decide,
    detect,
    failure_lab,
    impact,
    reorder,
    same_message_two_envelopes,
    scenarios,
    where_is_the_process,
)
from lessonlib.cards import reports


def _text(card: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card)).replace("&gt;", ">").replace(
        "&#x27;", "'")


def _chain():
    return scenarios.order_fulfilment_choreography()


REPORTS = {
    "transport": lambda: same_message_two_envelopes(),
    "decision": lambda: decide(case("loyalty enrolment")),
    "impact": lambda: impact(_chain(), reorder(_chain(), "Payment", "Inventory")),
    "process": lambda: where_is_the_process(_chain()),
    "lab": lambda: failure_lab("choreography", orders=100, seed=1),
    "lab, tracked": lambda: failure_lab("choreography", tracking=True, orders=100, seed=1),
    "lab, owner": lambda: failure_lab("orchestration", orders=100, seed=1),
    "detector": lambda: detect(scenarios.costume_catalogue()),
    "finding": lambda: detect(scenarios.costume_catalogue()).finding("AddressCheckRequired"),
    "advice": lambda: advise(owner="receiver", reactors="one-replies", flow="chain",
                             reason="broker"),
}


@pytest.mark.parametrize("name", REPORTS)
def test_a_report_is_a_card_that_says_what_its_text_says(name):
    report = REPORTS[name]()
    card = reports.html_of(report)
    assert card is not None and card.startswith('<div class="lessonlib-card')
    first = reports.text_of(report).splitlines()[0].split(" Untouched:")[0]
    assert " ".join(first.split()) in _text(card)


def test_a_lab_card_counts_every_outcome_of_its_run():
    # Each outcome with orders in it has a row, in the simulation's words (the owner's
    # run used to lose its card to an engine's word, "cancelled").
    for name in ("lab", "lab, tracked", "lab, owner"):
        result = REPORTS[name]()
        text = _text(reports.html_of(result))
        for outcome, n in result.counts.items():
            assert (f"{outcome} {n}" in text) == (n > 0 or outcome in ("completed", "stuck")), (
                name, outcome)


def test_the_transport_card_folds_the_raw_envelopes_away():
    card = reports.html_of(same_message_two_envelopes())
    table, folded = card.split("<details", 1)
    assert "POST /commands/RetrievePayment" not in table and "POST /commands/" in folded
    assert "Still a command." in table and "Still an event." in table
    assert table.count("<tr>") == 1 + 6  # a head and one row per delivery


def test_an_impact_card_has_one_row_per_service_that_must_change():
    result = REPORTS["impact"]()
    card = reports.html_of(result)
    for service in result.must_change:
        assert f"<strong>{service}</strong>" in card
    assert "Untouched:</em> Checkout." in card


def test_a_card_that_cannot_be_built_leaves_the_text(monkeypatch):
    def broken(_report):
        raise AttributeError("a report changed shape")

    monkeypatch.setitem(reports.RENDERERS, type(REPORTS["decision"]()), broken)
    assert reports.html_of(REPORTS["decision"]()) is None  # IPython then shows the sentences
    assert reports.html_of("a plain string") is None


def test_register_tells_ipython_to_show_cards():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert reports.register(shell)
        data, _ = shell.display_formatter.format(REPORTS["decision"]())
        assert data["text/html"].startswith('<div class="lessonlib-card lessonlib-card-decision"')
        assert data["text/plain"].startswith("Event CustomerCreated")
    finally:
        InteractiveShell.clear_instance()


def test_a_draft_review_shows_its_hint_with_its_class():
    # Moved from tests/course/test_exercise.py with the HTML it checks.
    from lessonlib.course.exercise import draft, hand_in_criminal_check

    result = hand_in_criminal_check(draft(scenarios.customer_onboarding_choreography()))
    assert "lessonlib-draft-review" in reports.html_of(result)


def test_advice_html_links_every_referenced_lesson():
    # Moved from tests/course/test_advice.py with the HTML it checks.
    page = reports.advice_feedback_html(
        advise(owner="sender", reactors="one-replies", flow="chain", reason="broker"))
    for lesson in ("02_who_depends_on_whom", "07_commands_in_disguise",
                   "03_the_event_chain_trap", "01_commands_and_events"):
        assert f"href='{lesson}.ipynb'" in page


def test_the_ledger_card_shows_what_its_text_says():
    from lessonlib.ledger import ledger

    found = ledger()
    card = reports.html_of(found)
    for entry in found.entries:
        assert entry.verdict() in card
    assert found.conclusion() in card
