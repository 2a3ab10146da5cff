"""The style axis in one vocabulary: choreography or orchestration.

A style is a *value* that code passes, compares and saves: ``"choreography"`` (services
react to each other's events) or ``"orchestration"`` (a service that owns the process
sends commands). What a learner reads is a *label*, chosen by the lesson's story:
lessons 03 and 05 tell of a shop whose choreography is an "event chain" and whose
orchestration has an order service owning the process. A label is only ever shown;
it never comes back in as a value.

Lesson 05 also watches the chain with a tracker (Ruecker's "track, then manage"):
that is choreography with ``tracking=True``, not a third style.

Introduced in ``05_track_then_manage.ipynb`` (``simulate.shop("choreography")``,
``run_day("choreography", tracking=True)``); lesson 03's predictions and lesson 04's
exercise are keyed by the same values.

>>> as_style("Choreography ")
'choreography'
>>> SHOP_LABELS[ORCHESTRATION]
'with an order service'
>>> as_style("choreograpy")
Traceback (most recent call last):
...
lessonlib.errors.LessonError: Unknown style 'choreograpy'. Did you mean 'choreography'?

The words the previous release took instead (``"chain"``, ``"owner"``) are still read,
until 0.3 (:data:`OLD_WORDS`):

>>> as_style("chain")
'choreography'
"""

from __future__ import annotations

from lessonlib.errors import LessonTypeError, choose, shown

__all__ = ["CHOREOGRAPHY", "ORCHESTRATION", "STYLES", "SHOP_LABELS", "LAB_LABELS", "OLD_WORDS",
           "as_style", "lab_label"]

CHOREOGRAPHY = "choreography"
ORCHESTRATION = "orchestration"
#: The two styles, in the order the course shows them.
STYLES = (CHOREOGRAPHY, ORCHESTRATION)

#: The shop's labels (lesson 03's predictions): the chain of events, or the order service
#: that owns order fulfilment.
SHOP_LABELS = {CHOREOGRAPHY: "event chain", ORCHESTRATION: "with an order service"}
#: Lesson 05's labs: each run as its table row says it, by (style, tracking).
LAB_LABELS = {(CHOREOGRAPHY, False): "event chain",
              (CHOREOGRAPHY, True): "event chain + tracking",
              (ORCHESTRATION, False): "owner's engine (Order)"}

#: The previous release's words for a style, read as today's values (kept until 0.3).
OLD_WORDS = {"chain": CHOREOGRAPHY, "owner": ORCHESTRATION}


def as_style(value: object, what: str = "style") -> str:
    """``value`` as one of :data:`STYLES` (case and spaces forgiven; an old word read as
    its value); a sentence with the nearest style otherwise."""
    if not isinstance(value, str):
        raise LessonTypeError(f"A {what} is {CHOREOGRAPHY!r} or {ORCHESTRATION!r}; got "
                              f"{shown(value)} ({type(value).__name__}).")
    word = " ".join(value.split()).lower()
    return choose(OLD_WORDS.get(word, word), STYLES, what)


def lab_label(chosen: str, tracking: bool = False) -> str:
    """What lesson 05's labs call a run of ``chosen`` style (with a tracker or not).

    >>> lab_label(CHOREOGRAPHY, tracking=True)
    'event chain + tracking'
    """
    return LAB_LABELS[as_style(chosen), tracking]
