"""Text a lesson shows reads as text: HTML that wraps between words, with the sentences as
the plain-text fallback, lists as lists, long outlines folded, tables as tables."""

from __future__ import annotations

import re

import pytest

from lessonlib import (
    both_ways,
    case,
    compare_roles,
    coupling_report,
    decide_onboarding,
    fair_lab,
    hand_in_onboarding_guess,
    link_mix,
    message_table,
    reorder,
    reuse_comparison,
    scenarios,
    simulate,
    tally,
)
from lessonlib.cards import reports
from lessonlib.cards.text import FOLD_AFTER, text_html
from lessonlib.prose import Sentences, Table

CHAIN = scenarios.order_fulfilment_choreography

# Every function a lesson used to print() now returns text a notebook shows as HTML.
SHOWN = {
    "coupling_report": lambda: coupling_report(CHAIN()),
    "both_ways": lambda: both_ways(case("payment")),
    "link_mix": lambda: link_mix(scenarios.customer_onboarding_orchestration()),
    "tally": lambda: tally(decide_onboarding()),
    "hand_in_onboarding_guess": lambda: hand_in_onboarding_guess({"welcome letter": "?"}),
    "message_table": lambda: message_table(scenarios.seed_choreography(),
                                           scenarios.seed_orchestration()),
    "compare_roles": lambda: compare_roles(CHAIN(), reorder(CHAIN(), "Payment", "Inventory")),
    "reuse_comparison": lambda: reuse_comparison(),
    "fair_lab": lambda: fair_lab(40),
}


def _words(html: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", html).replace("&gt;", ">").replace("&lt;", "<")
    return text.replace("&amp;", "&").replace("&#x27;", "'").split()


@pytest.mark.parametrize("name", SHOWN)
def test_what_a_lesson_shows_is_html_that_says_every_word_of_its_sentences(name):
    shown = SHOWN[name]()
    html = reports.html_of(shown)
    assert html is not None and "<pre" not in html and "white-space: pre" not in html
    words = set(_words(html))
    # Every word of the plain text is in the HTML (a table's alignment aside).
    missing = [w for w in str(shown).split() if w not in words and w.strip("-") != ""]
    assert missing == [], missing


def test_ipython_shows_sentences_as_html_with_the_sentences_as_plain_text():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert reports.register(shell)
        text = coupling_report(CHAIN())
        data, _ = shell.display_formatter.format(text)
        assert data["text/plain"] == str(text)  # the sentences, not a quoted repr
        assert data["text/html"].startswith('<div class="lessonlib-text"')
        plain, _ = shell.display_formatter.format("a plain str")
        assert "text/html" not in plain and plain["text/plain"] == "'a plain str'"
    finally:
        InteractiveShell.clear_instance()


def test_lines_starting_with_a_dash_are_a_list_and_markup_stays_text():
    html = text_html("Two links.\n- A <b>depends</b> on B\n- C depends on `D`\nThat is all.")
    assert html == ('<div class="lessonlib-text" style="overflow-wrap: break-word;">'
                    '<p>Two links.</p><ul><li>A &lt;b&gt;depends'
                    '&lt;/b&gt; on B</li><li>C depends on <code>D</code></li></ul>'
                    "<p>That is all.</p></div>")


def test_indented_lines_are_the_items_of_the_line_above_numbered_ones_in_order():
    html = text_html(simulate.order_fulfilment_workflow().describe())
    head, steps = html.split("<ol>", 1)
    assert head.endswith("<p>Order fulfilment: starts on OrderPlaced</p>")
    assert steps.count("<li>") >= 7 and "1. " not in steps  # the list numbers them
    assert "<details" not in html  # a short step list is shown, not folded


def test_a_long_outline_folds_under_its_first_line():
    outline = simulate.order_fulfilment_workflow().bpmn()
    assert len(outline.splitlines()) > FOLD_AFTER
    html = text_html(outline)
    assert html.startswith('<div class="lessonlib-text" style="overflow-wrap: break-word;">'
                           '<details class="lessonlib-fold"><summary')
    assert "BPMN outline of 'Order fulfilment'</summary>" in html
    # The gateway's three ways are nested under it.
    gateway = html.split("event-based gateway, whichever comes first:", 1)[1]
    assert gateway.startswith("<ul") and gateway.index("timer catch event") < gateway.index(
        "</ul>")


def test_a_table_has_a_header_row_and_one_row_per_line():
    table = message_table(scenarios.seed_choreography(), scenarios.seed_orchestration())
    assert isinstance(table, Table) and isinstance(table, Sentences)
    html = text_html(table)
    assert html.count('<th scope="col"') == 4 and html.count("<tr>") == 3
    assert "2: RetrievePayment, FetchGoods" in html


def test_the_fair_lab_shows_its_counts_as_a_table_and_its_sentences_as_paragraphs():
    lab = fair_lab(40)
    html = reports.html_of(lab)
    assert html.count("<tr>") == 1 + len(lab.results)
    for result in lab.results:
        assert f">{result.label.replace(chr(39), '&#x27;')}<" in html or result.label in html
    for finding in lab.findings():  # each sentence, chosen by the counts, as a paragraph
        assert f"<p>{reports._e(finding[:20])}" in html
    assert "<pre" not in html


def test_compare_roles_marks_what_changed_and_names_a_typo():
    table = compare_roles(CHAIN(), reorder(CHAIN(), "Payment", "Inventory"))
    changed = {row[0]: row[3] for row in table.rows}
    assert changed == {"Checkout": "no", "Payment": "yes", "Inventory": "yes",
                       "Shipping": "yes"}
    with pytest.raises(Exception, match="Payment"):
        compare_roles(CHAIN(), CHAIN(), "Paymnet")


def test_long_prose_is_never_folded():
    prose = "\n".join(f"Lesson {n:02d}: done." for n in range(FOLD_AFTER + 5))
    assert "<details" not in text_html(prose)


def test_a_trace_is_a_table_of_its_records_and_its_text_the_log():
    from lessonlib import Bus

    bus = Bus(seed=1, services=["Checkout", "Order"])
    bus.declare("OrderPlaced", "event")
    for n in range(reports.TRACE_ROWS + 2):
        bus.publish("OrderPlaced", sender="Checkout", correlation=f"order-{n}")
    trace = bus.run()
    html = reports.html_of(trace)
    assert html.count("<tr>") == 1 + reports.TRACE_ROWS
    assert f"{reports.TRACE_ROWS + 2} records, the first {reports.TRACE_ROWS} shown" in html
    assert reports.text_of(trace) == trace.text()


@pytest.mark.parametrize("make", [
    lambda: scenarios.costume_catalogue().message("FetchGoods"),
    lambda: __import__("lessonlib").LessonError("A <b>typo</b>: 'Paymnet'."),
    lambda: scenarios.costumes(),
])
def test_a_message_an_error_and_the_costumes_show_as_text(make):
    shown = make()
    html = reports.html_of(shown)
    assert html.startswith('<div class="lessonlib-text"') and "<b>" not in html
    assert [w for w in str(shown).split() if w not in set(_words(html))] == []
