"""Reports as small HTML cards and tables, with their plain text kept for screen readers.

A report a lesson shows (the transport demo, a decision, a change's impact, a
process's home, a lab run, the detector's findings, advice, the criminal-check
exercise's hint) is a domain or course object
whose ``str()`` is sentences. In a notebook, leave it as a cell's last value and
JupyterLab shows the card below; ``print(report)`` still gives the sentences.
Long logs and raw envelopes fold away in a ``<details>``. Nothing here changes
what a report says: each card is built from the same values as its text.

:func:`register` tells IPython (when lessonlib is imported inside it) to use
these renderers; :func:`html_of` is the one entry point a test or another
front end can call.

>>> from lessonlib.decisions import case, decide
>>> card = html_of(decide(case("welcome letter")))
>>> "<strong>Command SendWelcomeLetter: Onboarding -&gt; Letter." in card
True
"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

from lessonlib.cards.markup import markup, paragraphs
from lessonlib.cards.text import table_html, text_html
from lessonlib.change_impact import Impact
from lessonlib.changes import ProcessHome
from lessonlib.coupling import ReuseReport
from lessonlib.course.advice import Advice
from lessonlib.course.exercise import DraftReview
from lessonlib.decisions import TREE, Decision
from lessonlib.disguise import DisguiseReport, Finding
from lessonlib.errors import LessonError
from lessonlib.journey import ResendReport
from lessonlib.labs import LabResult
from lessonlib.ledger import LINK_LABELS, Ledger
from lessonlib.model_parts import Message
from lessonlib.prose import Sentences, Table, plural
from lessonlib.saga_lab import FairLab, RecoveryLab
from lessonlib.simulate import COMPLETED, OUTCOMES, STUCK
from lessonlib.trace import Trace, minutes
from lessonlib.transport import TransportReport

__all__ = ["html_of", "text_of", "register", "RENDERERS", "advice_feedback_html", "CSS"]

#: DOM class of the review of an exercise part (lesson 04's drafts, the capstone's parts);
#: it also has ``<review>-<part>`` (the browser tests read it from here).
CSS = SimpleNamespace(review="lessonlib-draft-review")

# Colours come from JupyterLab's theme variables (light and dark), with fallbacks for
# a static page; nothing depends on colour alone.
_CARD = ("border: 1px solid var(--jp-border-color1, #c8ced6); border-radius: 6px; "
         "padding: 8px 14px; margin: 4px 0; max-width: 56em; "
         "color: var(--jp-content-font-color1, #1f2328); "
         "background: var(--jp-layout-color0, #ffffff);")
_TABLE = "border-collapse: collapse; margin: 6px 0; font-size: inherit;"
_CELL = ("text-align: left; vertical-align: top; padding: 3px 14px 3px 0; "
         "border-bottom: 1px solid var(--jp-border-color2, #e1e4e8);")
_CODE = "white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.92em;"


def _e(text: object) -> str:
    return markup(text, code=False)


def _card(title: str, body: str, kind: str) -> str:
    return (f'<div class="lessonlib-card lessonlib-card-{kind}" style="{_CARD}">'
            f'<p style="margin: 2px 0 6px;"><strong>{title}</strong></p>{body}</div>')


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]], caption: str = "") -> str:
    cap = (f'<caption style="text-align: left; padding: 2px 0;">{caption}</caption>'
           if caption else "")
    th = "".join(f'<th scope="col" style="{_CELL}">{h}</th>' for h in head)
    body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in row) + "</tr>"
                   for row in rows)
    return f'<table style="{_TABLE}">{cap}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _fold(summary: str, body: str) -> str:
    return (f'<details class="lessonlib-fold"><summary style="cursor: pointer;">{summary}'
            f"</summary>{body}</details>")


def _paragraphs(lines: list[str]) -> str:
    return paragraphs(lines, style="margin: 4px 0;")


# ----------------------------------------------------------------------------- renderers

def transport_html(report: TransportReport) -> str:
    """Lesson 01's two-transport demo: the findings, a table of deliveries, raw envelopes folded."""
    lines = report.summary().splitlines()
    rows, envelopes = [], []
    for d in report.receipts:
        message = f"{_e(d.received.kind)} <code>{_e(d.received.name)}</code>"
        answer = _e(d.reply) if d.reply is not None else "no answer (an event expects none)"
        rows.append((message, _e(d.transport), _e(d.receiver), answer,
                     "waited" if d.sender_waited else "did not wait",
                     "yes" if d.meaning_unchanged else "<strong>no</strong>"))
        envelopes.append((message, _e(d.transport), _e(d.receiver),
                          f'<code style="{_CODE}">{_e(d.envelope)}</code>'))
    body = (_paragraphs(lines[1:])
            + _table(("message", "transport", "receiver", "answer", "sender", "payload as sent"),
                     rows, "What each receiver got")
            + _fold("The envelopes, as they travelled",
                    _table(("message", "transport", "receiver", "envelope"), envelopes)))
    return _card(_e(lines[0]), body, "transport")


def decision_html(decision: Decision) -> str:
    """A decision of the tree: the headline, the path as steps, why, and who owns it."""
    steps = "".join(f"<li>{_e(TREE[key].text)} <strong>{'yes' if answer else 'no'}</strong></li>"
                    for key, answer in decision.path)
    steps += f"<li>{_e(decision.leaf.title)}</li>"
    body = (f'<ol style="margin: 4px 0 6px;">{steps}</ol>'
            f'<p style="margin: 4px 0;"><em>Why:</em> {_e(decision.reason)}</p>')
    if decision.owner:
        body += (f'<p style="margin: 4px 0;"><em>Which team must make sure it really happens?'
                 f"</em> The {_e(decision.owner)} team.</p>")
    return _card(_e(decision.headline()), body, "decision")


def impact_html(result: Impact) -> str:
    """Which services must change: a table of each one and why, the untouched ones listed."""
    rows = []
    lines = result.report().splitlines()[1:]
    for line in lines:
        match = re.match(r"- (.+?) (is new|changes|is removed|was renamed)(.*)$", line)
        if match:
            service, what, rest = match.groups()
            rows.append((f"<strong>{_e(service)}</strong>", _e(what + rest)))
        else:
            rows.append(("", _e(line.lstrip("- "))))
    body = _table(("service", "why it must change"), rows) if rows else ""
    if result.untouched:
        body += (f'<p style="margin: 4px 0;"><em>Untouched:</em> '
                 f"{_e(', '.join(result.untouched))}.</p>")
    title = result.summary().split(" Untouched:")[0]
    return _card(_e(title), body, "impact")


def process_home_html(home: ProcessHome) -> str:
    """Where a process is defined, in one card."""
    if home.owner is not None:
        title = f"Defined in one place: {home.owner}"
    elif home.defined_in:
        title = f"Defined nowhere, and everywhere: in {len(home.defined_in)} services"
    else:
        title = "No process is visible"
    return _card(_e(title), _paragraphs([str(home)]), "process")


def lab_html(result: LabResult) -> str:
    """A failure-lab run: the counts as a table (each outcome with orders in it, and always
    completed and stuck), what it takes to find the stuck orders."""
    lines = result.summary().splitlines()
    counts = [(outcome, n) for outcome, n in result.counts.items()
              if n or outcome in (COMPLETED, STUCK)]
    rows = [(_e(what), f"<strong>{n}</strong>") for what, n in counts]
    body = _table(("orders", f"of {result.orders}"), rows)
    body += _paragraphs([line for line in lines[1:] if not line.startswith("  ")])
    where = [(_e(w), str(n)) for w, n in result.where]
    if where:
        body += _fold(f"Where the {result.stuck} stuck orders stopped",
                      _table(("stuck after", "orders"), where))
    return _card(_e(lines[0]), body, "lab")


def finding_html(finding: Finding) -> str:
    """One finding of the detector: the verdict, then the evidence for and against, listed."""
    lines = str(finding).splitlines()
    items = []
    rest = []
    # The lesson reads the signs: + for a command, - for an honest event, ~ neither.
    said = {"+": "+ for a command", "-": "- for an honest event", "~": "~ neither"}
    for line in lines[1:]:
        text = line.strip()
        if text[:2] in ("+ ", "- ", "~ "):
            items.append(f"<li><em>{said[text[0]]}:</em> {_e(text[2:])}</li>")
        elif text:
            rest.append(text)
    body = (f'<ul style="margin: 4px 0;">{"".join(items)}</ul>' if items else "")
    body += _paragraphs(rest)
    return _card(_e(lines[0]), body, "finding")


def disguise_html(report: DisguiseReport) -> str:
    """The detector's summary and a table of its findings (verdicts in words)."""
    rows = [(f"<code>{_e(f.name)}</code>", _e(f.verdict),
             f"<code>{_e(f.proposal)}</code>" if f.proposal and f.verdict != "looks like an "
             "honest event" else "") for f in report.findings]
    return _card(_e(report.summary()), _table(("event", "verdict", "proposed command"), rows),
                 "disguise")


def advice_html(advice: Advice) -> str:
    """Advice, with a link to the lesson behind each piece."""
    items = "".join(
        f'<li>{_e(item.text)} <a href="{_e(item.lesson)}.ipynb" '
        f'style="text-decoration: underline;">See {_e(item.reference)}</a>.</li>'
        for item in advice.items)
    return _card(_e(advice.headline), f'<ul style="margin: 4px 0;">{items}</ul>', "advice")


def advice_feedback_html(advice: Advice) -> str:
    """Advice as the self-assessment widget shows it: the headline, then each piece linked."""
    items = "".join(
        f"<li>{html.escape(item.text)} <a href='{item.lesson}.ipynb' "
        f"style='text-decoration: underline'>See "
        f"{html.escape(item.reference)}</a>.</li>" for item in advice.items)
    return f"<p><strong>{html.escape(advice.headline)}</strong></p><ul>{items}</ul>"


def review_html(result: DraftReview) -> str:
    """The review of an exercise part (lesson 04's drafts, the capstone's parts): the hint
    (or the tick), then any notice about saving it, a paragraph each."""
    return (f'<div class="{CSS.review} {CSS.review}-{result.part}">'
            f"{paragraphs(result.text())}</div>")


def ledger_html(ledger: Ledger) -> str:
    """Lesson 02's ledger: each case counted in both styles, who wins, and why (from the
    same entries as its text)."""
    styles = tuple(LINK_LABELS)
    rows = [(_e(e.title), *(_e(e.counts[s]) for s in styles), _e(e.unit),
             f"<strong>{_e(e.verdict())}</strong>") for e in ledger.entries]
    body = _table(("case", *(LINK_LABELS[s] for s in styles), "counted", "who wins"), rows,
                  "Where each style wins, counted on the course's models")
    body += _paragraphs([f"{e.title.capitalize()}: {e.why}" for e in ledger.entries]
                        + [ledger.conclusion()])
    return _card("The ledger", body, "ledger")


def saga_lab_html(lab: FairLab | RecoveryLab) -> str:
    """The fair lab or the recovery lab: the day, a table of the outcomes per row, and what
    it shows. Its sentences are the summary's own; the table is built from the same counts."""
    if isinstance(lab, FairLab):
        rows, head = [(r.label, r.counts) for r in lab.results], "style"
        title = f"The fair lab: {plural(lab.orders, 'order')}, every style"
    else:
        rows, head = list(lab.rows), "when shipping's time frame runs out"
        title = f"The owner's recoveries: {plural(lab.orders, 'order')}"
    table = Table((head, *OUTCOMES),
                  [(label, *(str(counts[o]) for o in OUTCOMES)) for label, counts in rows])
    body = "".join(table_html(table) if block.strip() == lab.table().strip()
                   else text_html(block) for block in str(lab).split("\n\n"))
    return _card(_e(title), body, "lab")


#: A trace longer than this shows its first records and says how many more there are.
TRACE_ROWS = 40


def trace_html(trace: Trace) -> str:
    """A bus trace as a table, one row per record (``trace.text()`` is its plain text)."""
    rows = []
    for r in list(trace)[:TRACE_ROWS]:
        when = (minutes(r.time) if r.time == r.sent
                else f"{minutes(r.sent)} to {minutes(r.time)}")
        extra = f" ({r.note})" if r.note else ""
        cause = f", caused by #{r.cause}" if r.cause is not None else ""
        rows.append((f"#{r.seq}", when, f"{r.kind} {r.message}", r.sender,
                     r.receiver if r.receiver is not None else "(no subscriber)",
                     r.correlation, f"{r.fate}{extra}{cause}"))
    more = len(trace) - len(rows)
    caption = (f"The bus's trace: {plural(len(trace), 'record')}"
               + (f", the first {len(rows)} shown (trace.text() has them all)" if more else ""))
    return text_html(Table(("#", "t (min)", "message", "from", "to", "about", "what became of "
                            "it"), rows, caption))


RENDERERS = {
    Ledger: ledger_html,
    Sentences: text_html,
    Trace: trace_html,
    Message: lambda message: text_html(Sentences(message)),
    LessonError: lambda error: text_html(Sentences(error)),
    ReuseReport: lambda report: text_html(Sentences(report)),
    FairLab: saga_lab_html,
    RecoveryLab: saga_lab_html,
    ResendReport: lambda report: text_html(report.text()),
    TransportReport: transport_html,
    Decision: decision_html,
    Impact: impact_html,
    ProcessHome: process_home_html,
    LabResult: lab_html,
    Finding: finding_html,
    DisguiseReport: disguise_html,
    Advice: advice_html,
    DraftReview: review_html,
}


def html_of(report: object) -> str | None:
    """The HTML card of ``report``, or None if it has none (or could not be made).

    A card that cannot be built never raises: the notebook then shows the text.
    """
    for kind, render in RENDERERS.items():
        if isinstance(report, kind):
            try:
                return render(report)
            except Exception:  # the text form is always there; never a traceback
                return None
    return None


def text_of(report: object) -> str:
    """The sentences of a report (its plain-text form, for screen readers and doctests)."""
    if isinstance(report, LabResult):
        return report.summary()
    if isinstance(report, Trace):
        return report.text()
    return str(report)


def _pretty(report, printer, cycle) -> None:
    printer.text(text_of(report))


def register(shell=None) -> bool:
    """Show reports as cards in this IPython session (done when lessonlib is imported).

    Their ``text/plain`` form becomes their sentences too (not a dataclass repr),
    for text-only front ends and screen readers.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    formatters = shell.display_formatter.formatters
    for kind in RENDERERS:
        formatters["text/html"].for_type(kind, html_of)
        formatters["text/plain"].for_type(kind, _pretty)
    return True
