"""Tables a lesson shows as HTML, with their plain text for screen readers and doctests.

Introduced in ``05_track_then_manage.ipynb`` (the per-order outcomes
of a lab run).
"""

from __future__ import annotations

from types import SimpleNamespace

from lessonlib.cards.markup import markup
from lessonlib.labs import outcome_rows, outcome_table

__all__ = ["show_outcomes", "CSS"]

#: DOM class of the outcome table (the browser tests read it from here).
CSS = SimpleNamespace(outcomes="lessonlib-outcomes")


def show_outcomes(sim, *, limit: int = 8, outcome: str | None = None,
                  only: str | None = None) -> None:
    """Display the per-order outcome table (HTML, with the plain text as its text form):
    the first ``limit`` orders, of one ``outcome`` if given (``only=`` is its old name,
    read until 0.3)."""
    from IPython.display import display

    text = outcome_table(sim, limit=limit, outcome=outcome, only=only)  # checks the input
    rows = outcome_rows(sim, outcome, only=only)
    head = ("order", "outcome", "what happened", "who can tell")
    cells = "".join(f"<th scope='col' style='text-align:left'>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{markup(v, code=False)}</td>"
                                    for v in row) + "</tr>" for row in rows[:limit])
    more = (f"<p>... and {len(rows) - limit} more.</p>" if len(rows) > limit else "")
    caption = f"<caption style='text-align:left'>{markup(sim.name, code=False)}</caption>"
    table = (f"<table class='{CSS.outcomes}'>{caption}<thead><tr>{cells}</tr></thead>"
             f"<tbody>{body}</tbody></table>{more}")
    display({"text/html": table, "text/plain": text}, raw=True)
