"""The code exercises: lesson 02's onboarding guess, and lesson 04's guided change.

Each finished exercise is handed in (:func:`lessonlib.course.submit.submit`): kept
with the student's progress and, on a hub, sent to the class. A ``hand_in_*``
function reviews the student's work and hands in what is finished; its
``review_*`` twin only reviews (the reveal's counts use it, and hand in nothing).

Lesson 02: :func:`hand_in_onboarding_guess` compares a guess for the five
onboarding activities with the decision tree's.

Lesson 04: a forgiving draft of a model, and the criminal-check exercise.

A :class:`Draft` is a copy of a model that a student changes line by line. A
blank (``...``) or a mistake never stops the cell: the draft remembers it, and
:func:`hand_in_criminal_check` turns what it remembers and what the model lacks
into one hint at a time. The hints ask questions; they never name the answer.
Introduced in ``04_criminal_check_exercise.ipynb``:

>>> from lessonlib.scenarios import customer_onboarding_choreography
>>> choreo = draft(customer_onboarding_choreography())
>>> choreo.add_service("Criminal check")
>>> choreo.subscribe("Criminal check", ...)        # a blank left to fill
>>> result = hand_in_criminal_check(choreo)
>>> result.ok
False
>>> print(result.hint)
subscribe('Criminal check', ...) still has a blank (...) to fill in; the comment above that line asks the question.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lessonlib.architecture import Architecture, expect_architecture
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import step_groups
from lessonlib.course.activities import (
    CRIMINAL_CHECK,
    CRIMINAL_CHECK_PARTS,
    ONBOARDING_GUESS,
    activity,
)
from lessonlib.course.submit import submit
from lessonlib.decisions import onboarding_answers, review_onboarding_guess
from lessonlib.errors import LessonError, LessonTypeError, shown
from lessonlib.prose import Sentences, and_list, noun
from lessonlib.scenarios import customer_onboarding_choreography, customer_onboarding_orchestration
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION, STYLES, as_style

__all__ = [
    "hand_in_onboarding_guess",
    "Draft",
    "draft",
    "DraftReview",
    "hand_in_criminal_check",
    "review_criminal_check",
    "criminal_check_solution",
    "criminal_check_counts",
    "LESSON",
    "PREDICTION_KEY",
    "STYLES",
]

def hand_in_onboarding_guess(guess: Mapping[str, object]) -> Sentences:
    """Compare a guess for the five onboarding activities with the tree's decisions, and
    keep the answers given (each ``"command"`` or ``"event"``; ``"?"`` is not one yet).

    Introduced in ``02_who_depends_on_whom.ipynb``. The sentences are
    :func:`lessonlib.decisions.review_onboarding_guess`'s.

    >>> print(hand_in_onboarding_guess({"welcome letter": "?"}).splitlines()[-1])
    0 of 5 right so far.
    """
    text = review_onboarding_guess(guess)  # every key checked: a sentence for a typo
    answers = onboarding_answers(guess)
    notices = submit(activity(*ONBOARDING_GUESS), answers) if answers else []
    return Sentences("\n".join([text, *notices]))


def _show(value: object) -> str:
    return "..." if value is Ellipsis else shown(value)


class Draft:
    """A changeable copy of a model whose edits never raise.

    Each method is the :class:`~lessonlib.architecture.Architecture` method of the
    same name. If an argument is still a blank (``...``) or the model refuses the
    edit, the draft keeps a note (read by :func:`review_criminal_check`) instead of
    stopping the cell with a traceback.

    Attributes
    ----------
    original : Architecture
        A copy of the model as it was before the change.
    model : Architecture
        The model being changed.
    notes : list of str
        Blanks left and edits refused, in the order they happened.
    """

    def __init__(self, original: Architecture, name: str | None = None):
        original = expect_architecture(original, "draft()'s starting model")
        self.original = original.copy()
        self.model = original.copy(name or f"{original.name}, changed")
        self.notes: list[str] = []

    def _do(self, call: str, action: Callable[[], None], *values: object) -> None:
        if any(v is Ellipsis for v in values) or any(
            isinstance(v, (list, tuple)) and Ellipsis in v for v in values
        ):
            self.notes.append(f"{call} still has a blank (...) to fill in; the comment above "
                              "that line asks the question.")
            return
        try:
            action()
        except LessonError as exc:
            self.notes.append(f"{call} did not work: {exc}")
        except (TypeError, ValueError) as exc:  # a value of a kind the model cannot read
            self.notes.append(f"{call} did not work: a value has the wrong kind ({exc}). "
                              "Names are strings in quotes; several names go in a list.")

    def add_service(self, name: str) -> None:
        """Add a new service."""
        self._do(f"add_service({_show(name)})", lambda: self.model.add_service(name), name)

    def add_event(self, name: str, *, emitter: str, subscribers=()) -> None:
        """Add an event that ``emitter`` announces (optionally with subscribers)."""
        call = f"add_event({_show(name)}, emitter={_show(emitter)}" + (
            f", subscribers={_show(subscribers)})" if subscribers else ")")
        self._do(call, lambda: self.model.add_event(name, emitter=emitter,
                                                    subscribers=subscribers),
                 name, emitter, subscribers)

    def add_command(self, name: str, *, sender: str, receiver: str) -> None:
        """Add a command that ``sender`` sends to ``receiver``."""
        call = f"add_command({_show(name)}, sender={_show(sender)}, receiver={_show(receiver)})"
        self._do(call, lambda: self.model.add_command(name, sender=sender, receiver=receiver),
                 name, sender, receiver)

    def subscribe(self, service: str, event: str) -> None:
        """Let ``service`` react to ``event``."""
        call = f"subscribe({_show(service)}, {_show(event)})"
        self._do(call, lambda: self.model.subscribe(service, event), service, event)

    def unsubscribe(self, service: str, event: str) -> None:
        """Stop ``service`` reacting to ``event``."""
        call = f"unsubscribe({_show(service)}, {_show(event)})"
        self._do(call, lambda: self.model.unsubscribe(service, event), service, event)

    def add_step(self, process: str, step: str, *, after: str) -> None:
        """Put the message ``step`` into ``process`` right after the step ``after``.

        ``after`` is a message of the process, or the service doing that step.

        >>> from lessonlib.scenarios import customer_onboarding_orchestration
        >>> d = draft(customer_onboarding_orchestration())
        >>> d.add_step("Customer onboarding", "CheckAddress", after="CheckCredit")
        >>> d.notes
        ["add_step('Customer onboarding', 'CheckAddress', after='CheckCredit') did not work: 'CheckAddress' is already a step of 'Customer onboarding'."]
        """
        call = f"add_step({_show(process)}, {_show(step)}, after={_show(after)})"

        def action() -> None:
            proc = self.model.process(process)
            message = self.model.message(step)
            anchor_name = after
            if isinstance(after, str) and after.strip() in self.model.services:
                # a step named by its service, as in lesson 03: its last message
                groups = dict(step_groups(self.model, proc.owner, proc.steps))
                if after.strip() not in groups:
                    raise LessonError(f"{after.strip()!r} does no step of {proc.name!r} yet; "
                                      "after= names a step already in the process.")
                anchor_name = groups[after.strip()][-1]
            anchor = self.model.message(anchor_name)
            if message.name in proc.steps:
                raise LessonError(f"{message.name!r} is already a step of {proc.name!r}.")
            if proc.owner != message.source and proc.owner not in message.targets:
                raise LessonError(f"The service that owns {proc.name!r} neither sends nor "
                                  f"receives {message.name}, so it cannot be one of its steps. "
                                  f"Look at who sends {message.name}.")
            if anchor.name not in proc.steps:
                raise LessonError(f"{anchor.name!r} is not a step of {proc.name!r} (yet): "
                                  "after= names a step already in the process, the one the "
                                  "new step should follow.")
            steps = list(proc.steps)
            steps.insert(steps.index(anchor.name) + 1, message.name)
            self.model.add_process(proc.name, owner=proc.owner, steps=steps)

        self._do(call, action, process, step, after)

    def add_process(self, name: str, *, owner: str, steps) -> None:
        """Give a process its owner and its steps (message names, in order)."""
        call = f"add_process({_show(name)}, owner={_show(owner)}, steps={_show(steps)})"
        self._do(call, lambda: self.model.add_process(name, owner=owner, steps=steps),
                 name, owner, steps)

    def impact(self) -> Impact:
        """The impact of the change so far: ``impact(original, model)``."""
        return impact(self.original, self.model)

    def __repr__(self) -> str:
        return f"<Draft of {self.original.name!r}: {len(self.notes)} note(s)>"


def draft(original: Architecture, name: str | None = None) -> Draft:
    """Start a guided change of ``original`` (which stays untouched).

    Introduced in ``04_criminal_check_exercise.ipynb``.

    >>> from lessonlib.scenarios import customer_onboarding_orchestration
    >>> d = draft(customer_onboarding_orchestration())
    >>> d.add_service("Criminal check")
    >>> d.add_command("CheckCriminalRecord", sender="Onboarding", receiver="Criminal chek")
    >>> print(d.notes[0])
    add_command('CheckCriminalRecord', sender='Onboarding', receiver='Criminal chek') did not work: Unknown service 'Criminal chek' in 'Customer onboarding (orchestration), changed'. Did you mean 'Criminal check'? (Add a new service with add_service first.)
    """
    return Draft(original, name)


# --------------------------------------------------------------------------- the review


@dataclass(frozen=True)
class DraftReview:
    """What a review of an exercise part found: ``ok``, the first ``hint`` and how many more,
    and ``notices``: sentences about saving the finished part (when there are any).

    ``part`` names the part reviewed: lesson 04's parts by their style (``"choreography"``),
    the capstone's (:mod:`lessonlib.course.capstone`) by their step (``"links"``). A
    notebook shows it as HTML through :mod:`lessonlib.cards.reports`.
    """

    part: str
    ok: bool
    hint: str
    more: int = 0
    notices: tuple[str, ...] = ()

    @property
    def style(self) -> str:
        """The style of a part of lesson 04's exercise (its :attr:`part`)."""
        return self.part

    def text(self) -> str:
        if self.ok:
            return "\n".join([f"\u2713 {self.hint}", *self.notices])
        extra = (f" (After this, {self.more} more {noun(self.more, 'thing')} to look at.)"
                 if self.more else "")
        return f"Not yet. Hint: {self.hint}{extra}"

    def __str__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.text())


# The onboarding's decision: the step that must come after every check.
_DECISION = {CHOREOGRAPHY: "CustomerCreated", ORCHESTRATION: "CustomerCreated"}


def _style(d: Draft) -> str:
    return ORCHESTRATION if d.original.processes else CHOREOGRAPHY


def hand_in_criminal_check(d: Draft) -> DraftReview:
    """Review a student's criminal-check change and hand in a finished part; return one
    hint, never the answer.

    Works for both onboarding models (the style is read from the draft's original:
    a process with an owner means orchestration). A finished part is handed in:
    saved with the student's progress (the course page counts it) and, on a hub,
    sent to the class. :func:`review_criminal_check` is the same check without
    handing anything in. Introduced in ``04_criminal_check_exercise.ipynb``.

    Examples
    --------
    >>> from lessonlib.scenarios import customer_onboarding_orchestration
    >>> orch = draft(customer_onboarding_orchestration())
    >>> orch.add_service("Criminal check")
    >>> print(hand_in_criminal_check(orch).hint)
    Nobody asks Criminal check to do anything yet. In orchestration, the service that must make sure every check happens sends it a command.
    """
    result = review_criminal_check(d)
    if not result.ok:
        return result
    notices = submit(activity(*CRIMINAL_CHECK_PARTS[result.style]), True)
    return DraftReview(result.style, True, result.hint, notices=tuple(notices))


def review_criminal_check(d: Draft) -> DraftReview:
    """What :func:`hand_in_criminal_check` says of a draft, and nothing more: pure, it
    saves nothing (the reveal's counts use it).

    >>> review_criminal_check(criminal_check_solution("choreography")).ok
    True
    """
    if not isinstance(d, Draft):
        raise LessonTypeError(
            f"The criminal-check exercise reviews a draft made with draft(...); got {shown(d)} "
            f"({type(d).__name__})."
        )
    style = _style(d)
    hints = list(d.notes) + (_orchestration_hints(d) if style == ORCHESTRATION
                             else _choreography_hints(d))
    if hints:
        return DraftReview(style, False, hints[0], len(hints) - 1)
    return DraftReview(style, True, f"Your {style} model has the criminal check in a sensible "
                                    "place. Count the services it changed below.")


def _common_hints(d: Draft, result: Impact) -> tuple[list[str], str | None]:
    hints = []
    if len(result.new) != 1:
        if not result.new:
            hints.append("There is no new service yet: the criminal check is done by a new "
                         "service. Add it first.")
        else:
            hints.append(f"You added {len(result.new)} services ({', '.join(result.new)}); "
                         "the exercise needs one new service, the criminal check.")
        return hints, None
    lost = [f"{c.service} {c}" for changes in result.changed.values() for c in changes
            if c.how == "removed"]
    if result.removed:
        lost.insert(0, f"the service {result.removed[0]} is gone")
    if lost:
        hints.append(f"Your change takes something away: {lost[0]}. Adding a check should not "
                     "remove what was there.")
    return hints, result.new[0]


def _choreography_hints(d: Draft) -> list[str]:
    model, result = d.model, d.impact()
    hints, new = _common_hints(d, result)
    if new is None:
        return hints
    if model.commands():
        hints.append("This is the choreography: services talk by events only, so leave "
                     "commands out. The check reacts to an event and announces its result as "
                     "an event.")
    listens = model.subscriptions(new)
    decision = model.message(_DECISION[CHOREOGRAPHY])
    if not listens:
        hints.append(f"{new} does not react to anything yet. In a choreography nobody calls "
                     "it: which event tells the services that someone wants to become a "
                     "customer?")
    elif decision.name in listens:
        hints.append(f"{new} reacts to {decision.name}, but by then the customer has been "
                     "created and the welcome letter is on its way. The check must start "
                     "before that decision: react to an earlier event.")
    results = model.emits(new)
    if not results:
        hints.append(f"{new} never announces its result, so no one can learn whether the "
                     "applicant passed. Let it emit an event, such as CriminalChecked.")
        return hints
    waiting = {t for name in results for t in model.message(name).targets}
    if not waiting:
        hints.append(f"Nobody reacts to {and_list(results)} yet. Which service decides whether "
                     "the customer is created? It must now wait for this result too.")
    elif decision.source not in waiting:
        wrong = sorted(waiting)[0]
        hints.append(f"{wrong} reacts to the result, but {wrong} does not decide whether a "
                     "customer is created. Which service waits for the other checks' results "
                     "before announcing a new customer?")
    return hints


def _orchestration_hints(d: Draft) -> list[str]:
    model, result = d.model, d.impact()
    hints, new = _common_hints(d, result)
    if new is None:
        return hints
    owner_process = d.original.processes[0]
    owner = owner_process.owner
    if model.subscriptions(new):
        hints.append(f"{new} subscribes to {and_list(model.subscriptions(new))}. In orchestration "
                     "the check only offers an API (a command it handles) and knows nothing of "
                     "registrations; leave its subscriptions out.")
    commands = model.handles(new)
    if not commands:
        hints.append(f"Nobody asks {new} to do anything yet. In orchestration, the "
                     "service that must make sure every check happens sends it a command.")
        return hints
    command = model.message(commands[0])
    if command.source != owner:
        hints.append(f"{command.source} sends {command.name}, but {command.source} does not own "
                     "the onboarding; it would now depend on the check. Which service owns the "
                     "process and makes sure every check happens?")
        return hints
    steps = model.process(owner_process.name).steps
    if command.name not in steps:
        hints.append(f"{command.name} is sent, but the process {owner_process.name!r} does not "
                     "list it as a step, so nobody can see when it happens. Put it in the "
                     "sequence with add_step.")
        return hints
    decision = _DECISION[ORCHESTRATION]
    if decision in steps and steps.index(command.name) > steps.index(decision):
        hints.append(f"{command.name} comes after {decision}: an applicant who fails the check "
                     "would already be a customer, with a welcome letter on its way. Put the "
                     "check before the decision.")
    return hints


# old names, kept until 0.3
check_onboarding_guess = hand_in_onboarding_guess
check_criminal_check = hand_in_criminal_check
CheckResult = DraftReview


# --------------------------------------------------------------------------- model answers


def criminal_check_solution(style: str) -> Draft:
    """A model answer, for the reveal when a student's own model is not finished.

    >>> print(criminal_check_solution("orchestration").impact().summary())  # doctest: +ELLIPSIS
    2 services must change: Criminal check, Onboarding (1 new, 1 changed)...
    """
    style = as_style(style)
    if style == CHOREOGRAPHY:
        d = draft(customer_onboarding_choreography())
        d.add_service("Criminal check")
        d.subscribe("Criminal check", "RegistrationRequested")
        d.add_event("CriminalChecked", emitter="Criminal check", subscribers=["Onboarding"])
    else:
        d = draft(customer_onboarding_orchestration())
        d.add_service("Criminal check")
        d.add_command("CheckCriminalRecord", sender="Onboarding", receiver="Criminal check")
        d.add_step("Customer onboarding", "CheckCriminalRecord", after="CheckCredit")
    return d


# --------------------------------------------------------------------------- the reveal

#: Lesson 04 and its prediction's key (kept for one release: lessonlib.course.activities
#: names every activity's place).
LESSON, PREDICTION_KEY = CRIMINAL_CHECK


def exercise_key(style: str) -> str:
    """The progress key under which a finished part of the exercise is recorded."""
    return CRIMINAL_CHECK_PARTS[as_style(style)][1]


def criminal_check_counts(choreography: Draft | None = None,
                          orchestration: Draft | None = None) -> tuple[dict[str, int], str]:
    """Count the services each style's change touches: ``({style: count}, report)``.

    Counts each draft given if the checker accepts it; otherwise the model
    answer, and the report says so.

    >>> counts, report = criminal_check_counts(draft(customer_onboarding_choreography()))
    >>> counts == {"choreography": 2, "orchestration": 2}
    True
    >>> print(report.splitlines()[0])
    Choreography, the model answer (the model given here is not finished; after you finish it, run the reveal's cell again): 2 services must change: Criminal check, Onboarding (1 new, 1 changed). Untouched: Website, Address check, Credit check, Letter, Notification, Loyalty.
    """
    counts, lines = {}, []
    for style, d in ((CHOREOGRAPHY, choreography), (ORCHESTRATION, orchestration)):
        if d is None:
            source = "the model answer (you have not given a model of your own)"
        elif not isinstance(d, Draft) or _style(d) != style or not review_criminal_check(d).ok:
            source = ("the model answer (the model given here is not finished; after you "
                      "finish it, run the reveal's cell again)")
        else:
            source = "your model"
        if source != "your model":
            d = criminal_check_solution(style)
        result = d.impact()
        counts[style] = result.total
        lines.append(f"{style.capitalize()}, {source}: {result.report()}")
    return counts, "\n".join(lines)
