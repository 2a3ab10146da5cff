"""Pictures of a change: the changed model with every service that must change marked.

Changed services are hatched with a thick outline and a CHANGED tag; new ones
have a double outline and a NEW tag (so nothing depends on colour).
Introduced in ``03_the_event_chain_trap.ipynb``.
"""

from __future__ import annotations

from lessonlib.cards.figures import display_figure
from lessonlib.change_impact import Impact
from lessonlib.errors import LessonTypeError, shown
from lessonlib.pictures.architecture import describe, draw, figure
from lessonlib.prose import noun

__all__ = ["draw_impact", "describe_impact", "show_impact"]


def _marks(result: Impact) -> dict[str, list[str]]:
    return {"highlight": list(result.changed), "new": list(result.new)}


def draw_impact(result: Impact, ax=None):
    """Draw the changed model with changed services hatched and outlined, new ones tagged.

    Returns the axes (never calls ``plt.show()``). Introduced in
    ``03_the_event_chain_trap.ipynb``.

    >>> from lessonlib.change_impact import impact
    >>> from lessonlib.changes import reorder
    >>> from lessonlib.scenarios import order_fulfilment_choreography
    >>> chain = order_fulfilment_choreography()
    >>> ax = draw_impact(impact(chain, reorder(chain, "Payment", "Inventory")))
    >>> sorted(p.get_gid() for p in ax.patches if p.get_hatch())
    ['service:Inventory', 'service:Payment', 'service:Shipping']
    """
    if not isinstance(result, Impact):
        raise LessonTypeError(f"draw_impact needs the result of impact(before, after); got "
                              f"{shown(result)} ({type(result).__name__}).")
    return draw(result.after, ax, title=_after_title(result), **_marks(result))


def _after_title(result: Impact) -> str:
    return f"After: {result.after.name}\n{result.total} {noun(result.total, 'service')} must change"


def _after_part(result: Impact) -> str:
    return ("After (changed services hatched with a thick outline and a CHANGED tag, new ones "
            "with a double outline and a NEW tag): " + describe(result.after, **_marks(result)))


def _after_text(result: Impact) -> str:
    return result.report() + "\n\n" + _after_part(result)


def describe_impact(result: Impact) -> str:
    """The text equivalent of :func:`show_impact`: the report, then both models.

    Introduced in ``03_the_event_chain_trap.ipynb`` (under every impact picture).

    >>> from lessonlib.change_impact import impact
    >>> from lessonlib.changes import reorder
    >>> from lessonlib.scenarios import order_fulfilment_orchestration
    >>> orch = order_fulfilment_orchestration()
    >>> text = describe_impact(impact(orch, reorder(orch, "Payment", "Inventory")))
    >>> print(text.splitlines()[0])
    1 service must change: Order (1 changed). Untouched: Checkout, Payment, Inventory, Shipping.
    >>> "Order (changed, owns the process)" in text
    True
    """
    if not isinstance(result, Impact):
        raise LessonTypeError(f"describe_impact needs the result of impact(before, after); got "
                              f"{shown(result)} ({type(result).__name__}).")
    return "\n\n".join([result.report(), "Before: " + describe(result.before),
                        _after_part(result)])


def show_impact(result: Impact, *, before: bool = True) -> None:
    """Show the model before the change, then after it, each with its text equivalent.

    The two pictures come one under the other at their natural size (the report
    of what must change opens the second one's text); with ``before=False`` only the
    second (lesson 02's ledger, whose models the lesson showed already). Introduced in
    ``03_the_event_chain_trap.ipynb``.
    """
    if not isinstance(result, Impact):
        raise LessonTypeError(f"show_impact needs the result of impact(before, after); got "
                              f"{shown(result)} ({type(result).__name__}).")
    if before:
        display_figure(figure(result.before, title=f"Before\n{result.before.name}"),
                       "Before: " + describe(result.before))
    display_figure(figure(result.after, title=_after_title(result), **_marks(result)),
                   _after_text(result))
