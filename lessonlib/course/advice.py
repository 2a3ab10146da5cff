"""When to reach for which: a self-assessment that points back to the lessons.

The student describes one link (or a system) by four choices; :func:`advise`
turns them into advice, each piece naming the lesson that explains it. The
logic is pure; :func:`lessonlib.widgets.advice.self_assessment` is a thin
widget over it. Introduced
in ``08_check_your_understanding.ipynb``.

>>> advice = advise(owner="sender", reactors="one-replies", flow="chain", reason="broker")
>>> advice.leaning
'command'
>>> [item.lesson for item in advice.items]
['02_who_depends_on_whom', '07_commands_in_disguise', '03_the_event_chain_trap', '01_commands_and_events']
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonlib.course.lessons import LESSONS
from lessonlib.errors import LessonError, LessonTypeError, shown, suggest

__all__ = ["QUESTIONS", "Choice", "Advice", "AdviceItem", "advise", "question"]


@dataclass(frozen=True)
class Choice:
    """One question of the self-assessment: an id, a prompt and options (key -> text)."""

    id: str
    prompt: str
    options: tuple[tuple[str, str], ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.options)

    def text_of(self, key: str) -> str:
        return dict(self.options)[key]

    def key_of(self, value: object) -> str:
        """The option key for a key or an option's text (any case); else a helpful error."""
        if not isinstance(value, str):
            raise LessonTypeError(f"The answer to {self.id!r} is one of "
                                  f"{', '.join(map(repr, self.keys))}; got {shown(value)} "
                                  f"({type(value).__name__}).")
        wanted = value.strip().lower()
        for key, text in self.options:
            if wanted in (key, text.lower()):
                return key
        hint = suggest(wanted, self.keys).replace("Valid names are", "Valid answers are")
        raise LessonError(f"Unknown answer {shown(value)} to {self.id!r} ({self.prompt}). {hint}")


QUESTIONS: tuple[Choice, ...] = (
    Choice("owner", "Who must make sure this step really happens (whom does the CIO call "
                    "when it is stuck)?", (
        ("sender", "The sender: its own process fails without it"),
        ("receiver", "The receiver's team: they react on their own initiative"),
        ("unsure", "I am not sure"),
    )),
    Choice("reactors", "Who reacts to the message?", (
        ("one-replies", "Exactly one service, and the sender waits for its answer"),
        ("one-today", "One service today; others may join later"),
        ("several", "Several services, each for its own reasons"),
    )),
    Choice("flow", "Is the link part of a flow of several steps?", (
        ("owned", "Yes, and one service owns the flow and its outcome"),
        ("chain", "Yes, and the flow lives in a chain of event subscriptions"),
        ("single", "No, it is a single step"),
    )),
    Choice("reason", "Why are you leaning towards a style?", (
        ("per-link", "We decide link by link, by who owns the outcome"),
        ("broker", "Our broker makes events the default, and events are in fashion"),
        ("decoupled", "Choreography is decoupled by default"),
        ("central", "Orchestration means one central service that runs everything"),
    )),
)
_BY_ID = {q.id: q for q in QUESTIONS}


def question(name: object) -> Choice:
    """The self-assessment question ``name`` (``"owner"``, ...); a typo gets a suggestion.

    >>> question("reactors").keys
    ('one-replies', 'one-today', 'several')
    """
    if not isinstance(name, str) or name not in _BY_ID:
        raise LessonError(f"The self-assessment has no question {shown(name)}. "
                          f"{suggest(name if isinstance(name, str) else '', _BY_ID)}")
    return _BY_ID[name]


@dataclass(frozen=True)
class AdviceItem:
    """One piece of advice and the lesson that explains it."""

    text: str
    lesson: str

    @property
    def title(self) -> str:
        return LESSONS.get(self.lesson, self.lesson)

    @property
    def reference(self) -> str:
        return f"lesson {self.lesson[:2]}, {self.title}"

    def __str__(self) -> str:
        return f"{self.text} (See {self.reference}.)"


@dataclass(frozen=True)
class Advice:
    """What :func:`advise` returns: a leaning ("command", "event" or "look closer") and why.

    Its HTML (a card, or the self-assessment's feedback) is in :mod:`lessonlib.cards.reports`.
    """

    leaning: str
    items: tuple[AdviceItem, ...]

    @property
    def headline(self) -> str:
        if self.leaning == "look closer":
            return "Look closer before you choose: first find out who owns the outcome."
        article = "an" if self.leaning == "event" else "a"
        return f"This link leans towards {article} {self.leaning}."

    def __str__(self) -> str:
        return "\n".join([self.headline, *(f"- {item}" for item in self.items)])


def advise(**answers: str) -> Advice:
    """Advice for a link described by four choices (see :data:`QUESTIONS`).

    Introduced in ``08_check_your_understanding.ipynb``.

    Parameters
    ----------
    owner : {"sender", "receiver", "unsure"}
        Who must make sure the step really happens.
    reactors : {"one-replies", "one-today", "several"}
        Who reacts to the message.
    flow : {"owned", "chain", "single"}
        Whether the link is part of a flow, and where that flow lives.
    reason : {"per-link", "broker", "decoupled", "central"}
        Why you lean towards a style.

    Each answer may also be the option's full text, in any case.

    Returns
    -------
    Advice
        ``leaning`` and ``items``, each naming the lesson that explains it.

    Examples
    --------
    >>> print(advise(owner="receiver", reactors="one-today", flow="single", reason="per-link"))
    This link leans towards an event.
    - The receiver's team owns the reaction: publish an event. The receiver depends on the sender, which need not know it exists. (See lesson 02, Who depends on whom.)
    - One subscriber today is not a reason for a command: an OrderPlaced with one subscriber is still an event, and others may subscribe tomorrow (the false alarm). (See lesson 07, Commands in disguise.)
    - A single step: decide this link on its own, like every other link. (See lesson 02, Who depends on whom.)
    - That is the course's rule: decide link by link, by who owns the outcome. (See lesson 08, Check your understanding.)
    >>> advise(owner="sender", reactors="one tday", flow="single", reason="per-link")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown answer 'one tday' to 'reactors' (Who reacts to the message?). Did you mean 'one-today'?
    """
    for name in answers:
        question(name)
    missing = [q.id for q in QUESTIONS if q.id not in answers]
    if missing:
        raise LessonError(f"advise() needs an answer to every question; missing: "
                          f"{', '.join(map(repr, missing))}. Say 'unsure' where you are.")
    a = {name: _BY_ID[name].key_of(value) for name, value in answers.items()}
    leaning, owner_item = _owner_advice(a["owner"])
    if a["reactors"] == "one-replies" and a["owner"] == "receiver":
        leaning = "look closer"
    items = (owner_item, _reactors_advice(a["reactors"], a["owner"]), _flow_advice(a["flow"]),
             _reason_advice(a["reason"]))
    return Advice(leaning, items)


def _owner_advice(owner: str) -> tuple[str, AdviceItem]:
    """Who must make sure the step happens: the leaning it gives, and why."""
    if owner == "sender":
        return "command", AdviceItem("The sender must make sure it happens: send a command. "
                                     "The sender depends on the receiver, and says so openly.",
                                     "02_who_depends_on_whom")
    if owner == "receiver":
        return "event", AdviceItem("The receiver's team owns the reaction: publish an event. "
                                   "The receiver depends on the sender, which need not know "
                                   "it exists.", "02_who_depends_on_whom")
    return "look closer", AdviceItem("Walk the decision tree: ask whether the sender cares "
                                     "that it happens, and which team must make sure it "
                                     "really happens.", "02_who_depends_on_whom")


def _reactors_advice(reactors: str, owner: str) -> AdviceItem:
    """Who reacts to the message, and what that says."""
    if reactors == "one-replies":
        return AdviceItem("Exactly one receiver that must act and answer is the mark of a "
                          "command; published as an event it is a command in disguise.",
                          "07_commands_in_disguise")
    if reactors == "one-today":
        return AdviceItem("One subscriber today is not a reason for a command: an OrderPlaced "
                          "with one subscriber is still an event, and others may subscribe "
                          "tomorrow (the false alarm).", "07_commands_in_disguise")
    text = "Several services react, each for its own reasons: that is what events are for."
    if owner == "sender":
        text += (" Give the one step the sender needs its own command; the other reactions "
                 "stay events.")
    return AdviceItem(text, "01_commands_and_events")


def _flow_advice(flow: str) -> AdviceItem:
    """Where the flow the link belongs to lives, if it belongs to one."""
    if flow == "owned":
        return AdviceItem("The flow has a home: its owner can orchestrate the steps it is "
                          "accountable for and still react to events at its edge.",
                          "05_track_then_manage")
    if flow == "chain":
        return AdviceItem("The flow hides in event subscriptions: nobody can see or change it "
                          "in one place, and reordering a step touches several services (a "
                          "distributed monolith). Give it an owner.", "03_the_event_chain_trap")
    return AdviceItem("A single step: decide this link on its own, like every other link.",
                      "02_who_depends_on_whom")


def _reason_advice(reason: str) -> AdviceItem:
    """The reason for leaning towards a style, and what the course says to it."""
    if reason == "per-link":
        return AdviceItem("That is the course's rule: decide link by link, by who owns the "
                          "outcome.", "08_check_your_understanding")
    if reason == "broker":
        return AdviceItem("Think twice: command or event is the meaning, not the transport. A "
                          "command can be a Kafka record; an event can travel on a REST feed.",
                          "01_commands_and_events")
    if reason == "decoupled":
        return AdviceItem("Think twice: count the services a change touches. In the "
                          "criminal-check exercise both styles changed as many, Onboarding "
                          "came to depend on the check in both, and only the choreography's "
                          "check had to know about registrations.", "04_criminal_check_exercise")
    return AdviceItem("Think twice: orchestration need not be central, and who owns a process "
                      "matters more than where its engine runs. The trap is a god service that "
                      "owns every process; an engine inside the owning service, or a central "
                      "engine running models each team owns, is not one. And judge an engine's "
                      "outage as you judge the broker's.", "05_track_then_manage")
