"""Reports shown as cards in IPython, registered by name: importing lessonlib loads none of them.

IPython lets a formatter be registered for a type by its module and name
(``for_type_by_name``): the type is looked up only when an object of it is shown.
So ``import lessonlib`` registers every report here without importing the domain
or :mod:`lessonlib.cards.reports`; the first report a lesson shows loads them.
``tests/cards/test_display.py`` keeps :data:`REPORTS` equal to the types
:data:`lessonlib.cards.reports.RENDERERS` renders.
"""

from __future__ import annotations

__all__ = ["REPORTS", "register"]

#: (module, type name) of every report shown as a card.
REPORTS = (
    ("lessonlib.ledger", "Ledger"),
    ("lessonlib.prose", "Sentences"),
    ("lessonlib.trace", "Trace"),
    ("lessonlib.model_parts", "Message"),
    ("lessonlib.errors", "LessonError"),
    ("lessonlib.coupling", "ReuseReport"),
    ("lessonlib.saga_lab", "FairLab"),
    ("lessonlib.saga_lab", "RecoveryLab"),
    ("lessonlib.journey", "ResendReport"),
    ("lessonlib.transport.two_envelopes", "TransportReport"),
    ("lessonlib.decisions", "Decision"),
    ("lessonlib.change_impact", "Impact"),
    ("lessonlib.changes", "ProcessHome"),
    ("lessonlib.labs", "LabResult"),
    ("lessonlib.disguise.evidence", "Finding"),
    ("lessonlib.disguise.evidence", "DisguiseReport"),
    ("lessonlib.course.advice", "Advice"),
    ("lessonlib.course.exercise", "DraftReview"),
)


def _html(report):
    from lessonlib.cards.reports import html_of

    return html_of(report)


def _text(report, printer, cycle) -> None:
    from lessonlib.cards.reports import text_of

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
    for module, name in REPORTS:
        formatters["text/html"].for_type_by_name(module, name, _html)
        formatters["text/plain"].for_type_by_name(module, name, _text)
    return True
