"""Command or event, link by link: the decision tree and its decisions.

Introduced in ``02_who_depends_on_whom.ipynb``. Every link couples two
services; the decision is which side carries the coupling:

* "Does the sender care that it happens?" Ruecker's sharper form: *which team
  must make sure it really happens* (the team the CIO calls when it is stuck)?
  If it is the sender's team: a **command** - the sender depends on the receiver.
* Otherwise, if a receiver reacts on its own account (its team owns the
  reaction): an **event** - the receiver depends on the sender.
* If nobody owns it, there is nothing to wire yet: find an owner first. (This
  third answer is the course's addition; Ruecker's question has two.)

Each leaf says what the choice makes of the link: a command is orchestration
on this link, an event choreography.

>>> print(decide(case("welcome letter")).headline())
Command SendWelcomeLetter: Onboarding -> Letter. Onboarding depends on Letter.
>>> print(decide(case("loyalty enrolment")).headline())
Event CustomerCreated: Onboarding -> Loyalty. Loyalty depends on Onboarding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from lessonlib.architecture import COMMAND, EVENT, Architecture, Link
from lessonlib.classify import parse_kind
from lessonlib.errors import LessonError, LessonTypeError, check_name, items, shown, suggest
from lessonlib.prose import Sentences, a_an, plural
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION

__all__ = [
    "TreeQuestion", "TreeLeaf", "TREE", "ROOT", "LinkCase", "CATALOGUE", "ONBOARDING", "case",
    "Decision", "next_step", "walk", "decide", "decide_own", "decide_all", "decide_onboarding",
    "tally", "architecture_of", "review_onboarding_guess", "onboarding_answers",
]


# ----------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class TreeQuestion:
    """A question of the tree: ``yes`` and ``no`` name the next node. (A quiz's question is
    :class:`lessonlib.course.quiz.Question`.)"""

    key: str
    text: str
    help: str
    yes: str
    no: str


@dataclass(frozen=True)
class TreeLeaf:
    """A leaf of the tree: a command, an event, or no link yet (``kind`` None).

    ``style`` is what the choice makes of this link: orchestration for a command,
    choreography for an event (None for no link). ``coupling`` says it, then which
    side carries the coupling.
    """

    key: str
    kind: str | None
    title: str
    coupling: str
    style: str | None = None


# old names, kept until 0.3
Question = TreeQuestion
Outcome = TreeLeaf

ROOT = "sender-cares"
TREE: dict[str, TreeQuestion | TreeLeaf] = {
    "sender-cares": TreeQuestion(
        "sender-cares", "Does the sender care that it happens?",
        "Ruecker's sharper question: which team must make sure it really happens - the team "
        "the CIO calls when it is stuck? If that is the sender's team, answer yes.",
        yes="command", no="receiver-owns"),
    "receiver-owns": TreeQuestion(
        "receiver-owns", "Does a receiver react on its own account?",
        "Does the receiver's team want this and own it (it would miss it, the sender would "
        "not)? If so, answer yes.",
        yes="event", no="no-link"),
    "command": TreeLeaf("command", COMMAND, "Command",
                       "Orchestration on this link: the sender depends on the receiver.",
                       style=ORCHESTRATION),
    "event": TreeLeaf("event", EVENT, "Event",
                     "Choreography on this link: the receiver depends on the sender.",
                     style=CHOREOGRAPHY),
    # Ruecker's question has two answers; this third leaf is the course's own addition.
    "no-link": TreeLeaf("no-link", None, "No link yet",
                       "Our addition to the tree: nobody owns it, so find an owner first."),
}


def _yes_no(answer: object) -> bool:
    if isinstance(answer, bool):
        return answer
    if isinstance(answer, str):
        word = answer.strip().lower()
        if word in ("yes", "y", "true"):
            return True
        if word in ("no", "n", "false"):
            return False
        raise LessonError(f"An answer to the tree's questions is 'yes' or 'no'; got {shown(answer)}. "
                          f"{suggest(word, ['yes', 'no'])}")
    raise LessonTypeError(f"An answer to the tree's questions is yes or no (True or False); got "
                          f"{shown(answer)} ({type(answer).__name__}).")


def next_step(answers: Sequence[object] = ()) -> TreeQuestion | TreeLeaf:
    """The question to ask next after ``answers`` (yes/no in order), or the leaf reached.

    >>> next_step([]).text
    'Does the sender care that it happens?'
    >>> next_step(["no"]).text
    'Does a receiver react on its own account?'
    >>> next_step(["no", "yes"]).title
    'Event'
    """
    return walk(answers, partial=True)[1]


def walk(answers: Sequence[object], *, partial: bool = False):
    """Walk the tree: return ``(path, node)``; ``path`` holds (question key, answer) pairs.

    Without ``partial=True`` the answers must reach a leaf.

    >>> path, leaf = walk([True])
    >>> path, leaf.kind
    ((('sender-cares', True),), 'command')
    >>> walk([True, False])
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Too many answers: [True, False] reaches 'Command' after 1; the tree asks no more.
    """
    if isinstance(answers, (str, bool)) or not isinstance(answers, Sequence):
        raise LessonTypeError(f"Answers are a list of yes/no, like ['no', 'yes']; got {shown(answers)}.")
    node = TREE[ROOT]
    path = []
    for i, answer in enumerate(answers):
        if isinstance(node, TreeLeaf):
            raise LessonError(f"Too many answers: {list(answers)!r} reaches {node.title!r} after "
                              f"{i}; the tree asks no more.")
        value = _yes_no(answer)
        path.append((node.key, value))
        node = TREE[node.yes if value else node.no]
    if not partial and isinstance(node, TreeQuestion):
        raise LessonError(f"Not enough answers: after {list(answers)!r} the tree still asks "
                          f"{node.text!r}.")
    return tuple(path), node


# ----------------------------------------------------------------------------- the links


@dataclass(frozen=True)
class LinkCase:
    """A link to decide: who might talk to whom, about what, and the facts that decide it.

    ``sender_needs_it``: the sender's own job is not done without it.
    ``legally_required``: the business must guarantee it (law or contract),
    which makes the sender's team answerable for it too.
    ``receiver_owns``: the receiver's team wants it on its own account.
    """

    key: str
    title: str
    sender: str
    receiver: str
    activity: str
    sender_needs_it: bool
    legally_required: bool
    receiver_owns: bool
    command: str
    event: str

    @property
    def sender_cares(self) -> bool:
        return self.sender_needs_it or self.legally_required

    def marked(self, **facts: bool) -> LinkCase:
        """The same link with some facts changed, e.g. ``marked(legally_required=True)``.

        >>> case("onboarding e-mail").marked(legally_required=True).sender_cares
        True
        """
        allowed = ("sender_needs_it", "legally_required", "receiver_owns")
        for name, value in facts.items():
            if name not in allowed:
                raise LessonError(f"A link's facts are {', '.join(map(repr, allowed))}; got "
                                  f"{shown(name)}. {suggest(name, allowed)}")
            if not isinstance(value, bool):
                raise LessonTypeError(f"{name} is True or False; got {shown(value)}.")
        return replace(self, **facts)


CATALOGUE: tuple[LinkCase, ...] = (
    LinkCase("address check", "Address check during onboarding", "Onboarding",
             "Address check", "checking the new customer's address",
             sender_needs_it=True, legally_required=False, receiver_owns=False,
             command="CheckAddress", event="RegistrationRequested"),
    LinkCase("credit check", "Credit check during onboarding", "Onboarding", "Credit check",
             "checking the new customer's credit", sender_needs_it=True,
             legally_required=False, receiver_owns=False, command="CheckCredit",
             event="RegistrationRequested"),
    LinkCase("welcome letter", "Welcome letter, required by law", "Onboarding", "Letter",
             "sending the welcome letter", sender_needs_it=False, legally_required=True,
             receiver_owns=False, command="SendWelcomeLetter", event="CustomerCreated"),
    LinkCase("onboarding e-mail", "Onboarding e-mail from the notification service",
             "Onboarding", "Notification", "sending the onboarding e-mail",
             sender_needs_it=False, legally_required=False, receiver_owns=True,
             command="SendOnboardingEmail", event="CustomerCreated"),
    LinkCase("loyalty enrolment", "Loyalty points enrolment", "Onboarding", "Loyalty",
             "enrolling the customer for loyalty points", sender_needs_it=False,
             legally_required=False, receiver_owns=True, command="EnrolInLoyalty",
             event="CustomerCreated"),
    LinkCase("payment", "Payment, a service many callers use", "Order", "Payment",
             "retrieving the payment for an order", sender_needs_it=True,
             legally_required=False, receiver_owns=False, command="RetrievePayment",
             event="OrderPlaced"),
    LinkCase("sales dashboard", "Sales dashboard counting orders", "Checkout", "Analytics",
             "counting the order on the sales dashboard", sender_needs_it=False,
             legally_required=False, receiver_owns=True, command="CountOrder",
             event="OrderPlaced"),
)
_CASES = {c.key: c for c in CATALOGUE}
#: Ruecker's customer onboarding: the five activities of lesson 02.
ONBOARDING: tuple[LinkCase, ...] = tuple(_CASES[k] for k in (
    "address check", "credit check", "welcome letter", "onboarding e-mail", "loyalty enrolment"))


def case(key: str) -> LinkCase:
    """The catalogue link called ``key`` (case-insensitive; a typo gets a suggestion).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> case("Credit check").command
    'CheckCredit'
    >>> case("loyality enrolment")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown link 'loyality enrolment'. Did you mean 'loyalty enrolment'?
    """
    key = check_name(key, "link name")
    found = _CASES.get(key.lower())
    if found is None:
        raise LessonError(f"Unknown link {shown(key)}. {suggest(key.lower(), _CASES)}")
    return found


# ----------------------------------------------------------------------------- decisions


@dataclass(frozen=True)
class Decision:
    """The tree's answer for one link: kind, message, who depends on whom, and why."""

    leaf: TreeLeaf
    path: tuple[tuple[str, bool], ...]
    sender: str
    receiver: str
    message: str | None
    reason: str
    owner: str | None

    @property
    def kind(self) -> str | None:
        return self.leaf.kind

    outcome = property(lambda self: self.leaf, doc="Old name of :attr:`leaf`, kept until 0.3.")

    @property
    def link(self) -> Link | None:
        if self.kind is None:
            return None
        return Link(self.message, self.kind, self.sender, self.receiver)

    def headline(self) -> str:
        """One line: the decision and the direction of coupling."""
        link = self.link
        if link is None:
            return f"No link yet between {self.sender} and {self.receiver}: nobody owns it."
        return (f"{self.leaf.title} {self.message}: {self.sender} -> {self.receiver}. "
                f"{link.dependent} depends on {link.depends_on}.")

    @property
    def style(self) -> str | None:
        """``"orchestration"`` for a command, ``"choreography"`` for an event, else None."""
        return self.leaf.style

    def __str__(self) -> str:
        style = f" ({self.style} on this link)" if self.style else ""
        lines = [self.headline(), "Path: " + " -> ".join(
            f"{TREE[k].text} {'yes' if a else 'no'}" for k, a in self.path)
            + f" -> {self.leaf.title}{style}.", "Why: " + self.reason]
        if self.owner:
            lines.append(f"Which team must make sure it really happens? The {self.owner} team.")
        return "\n".join(lines)


def _reason(leaf: TreeLeaf, sender: str, receiver: str, activity: str, message: str | None,
            legal: bool = False) -> tuple[str, str | None]:
    if leaf.kind == COMMAND:
        because = " (it is required by law)" if legal else ""
        return (f"The {sender} team must make sure that {activity} really happens{because}, so "
                f"{sender} sends the command {message} to {receiver}, which must acknowledge or "
                f"reject it. {sender} depends on {receiver}: it must know {receiver}'s API.",
                sender)
    if leaf.kind == EVENT:
        return (f"{sender}'s own job is done without {activity}; the {receiver} team wants "
                f"it and owns it. So {sender} emits the event {message} and {receiver} "
                f"subscribes. {receiver} depends on {sender}; {sender} does not know "
                f"{receiver} exists.", receiver)
    return (f"Neither side owns {activity}: no team would notice if it never happened. Find "
            f"an owner before you draw an arrow. (This answer is the course's addition: "
            f"Ruecker's question has only the other two.)", None)


def decide(link: LinkCase) -> Decision:
    """Walk the tree for a catalogue link (see :data:`CATALOGUE` and :func:`case`).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> d = decide(case("onboarding e-mail"))
    >>> d.kind, d.link.dependent
    ('event', 'Notification')
    >>> decide(case("onboarding e-mail").marked(legally_required=True)).kind
    'command'
    """
    if not isinstance(link, LinkCase):
        raise LessonTypeError(f"decide() takes a link from the catalogue, like "
                              f"decide(case('welcome letter')); got {shown(link)}.")
    answers = [link.sender_cares] + ([] if link.sender_cares else [link.receiver_owns])
    path, leaf = walk(answers)
    message = {COMMAND: link.command, EVENT: link.event}.get(leaf.kind)
    reason, owner = _reason(leaf, link.sender, link.receiver, link.activity, message,
                            legal=link.legally_required)
    return Decision(leaf, path, link.sender, link.receiver, message, reason, owner)


def decide_own(answers: Sequence[object], sender: str = "Sender", receiver: str = "Receiver",
               activity: str = "it", message: str | None = None) -> Decision:
    """Decide a link of your own by answering the tree's questions (yes/no, in order).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> print(decide_own(["no", "yes"], "Shop", "Newsletter").headline())
    Event (your event): Shop -> Newsletter. Newsletter depends on Shop.
    """
    sender = check_name(sender, "sender")
    receiver = check_name(receiver, "receiver")
    if sender == receiver:
        raise LessonError(f"A link joins two different services; sender and receiver are both "
                          f"{shown(sender)}.")
    path, leaf = walk(answers)
    if message is None:
        message = {COMMAND: "(your command)", EVENT: "(your event)"}.get(leaf.kind)
    reason, owner = _reason(leaf, sender, receiver, check_name(activity, "activity"), message)
    return Decision(leaf, path, sender, receiver, message, reason, owner)


def decide_all(links: Iterable[LinkCase] = ONBOARDING) -> tuple[Decision, ...]:
    """Decide several links (default: the five onboarding activities).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> [d.kind for d in decide_all([case("payment"), case("sales dashboard")])]
    ['command', 'event']
    """
    if isinstance(links, LinkCase):
        links = [links]
    return tuple(decide(link) for link in items(links, "The links given to decide_all()",
                                                "[case('payment')]"))


def decide_onboarding(legally_required: Iterable[str] = ()) -> tuple[Decision, ...]:
    """Decide the five onboarding activities, some of them marked as required by law.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> tally(decide_onboarding(legally_required=["onboarding e-mail"]))
    '5 links: 4 commands and 1 event reaction.'
    """
    if isinstance(legally_required, str):
        legally_required = [legally_required]
    legally_required = items(legally_required, "legally_required", "['welcome letter']")
    marked = {case(key).key for key in legally_required}
    outside = marked - {c.key for c in ONBOARDING}
    if outside:
        raise LessonError(f"{sorted(outside)!r} is not one of the five onboarding activities: "
                          f"{', '.join(repr(c.key) for c in ONBOARDING)}.")
    return decide_all(c.marked(legally_required=True) if c.key in marked else c
                      for c in ONBOARDING)


def tally(decisions: Iterable[Decision]) -> Sentences:
    """Count the decisions: commands, event reactions, links without an owner.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> tally(decide_all())
    '5 links: 3 commands and 2 event reactions.'
    """
    given = decisions
    decisions = items(decisions, "The decisions given to tally()", "decide_all()")
    if not all(isinstance(d, Decision) for d in decisions):
        raise LessonTypeError(f"tally() counts decisions, like tally(decide_all()); got "
                              f"{shown(given)}.")
    n_cmd = sum(d.kind == COMMAND for d in decisions)
    n_evt = sum(d.kind == EVENT for d in decisions)
    n_none = sum(d.kind is None for d in decisions)
    text = (f"{plural(len(decisions), 'link')}: {plural(n_cmd, 'command')} and "
            f"{plural(n_evt, 'event reaction')}")
    if n_none:
        text += f", {n_none} without an owner"
    return Sentences(text + ".")


def architecture_of(decisions: Iterable[Decision], name: str = "Decided link by link") -> Architecture:
    """Build the architecture the decisions describe (events with one name share subscribers).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> architecture_of(decide_all(), "Customer onboarding").summary()
    '6 services, 3 commands, 1 event'
    """
    arch = Architecture(name)
    decisions = items(decisions, "The decisions given to architecture_of()",
                      "decide_all()")
    for d in decisions:
        if not isinstance(d, Decision):
            raise LessonTypeError(f"Expected decisions, like decide_all(); got {shown(d)}.")
    for d in decisions:
        for service in (d.sender, d.receiver):
            if service not in arch.services:
                arch.add_service(service)
    for d in decisions:
        if d.kind == COMMAND:
            arch.add_command(d.message, sender=d.sender, receiver=d.receiver)
        elif d.kind == EVENT:
            if d.message in [m.name for m in arch.messages]:
                arch.subscribe(d.receiver, d.message)
            else:
                arch.add_event(d.message, emitter=d.sender, subscribers=[d.receiver])
    return arch


def _guessed(guess: Mapping[str, object]) -> dict[str, object]:
    """The guess by activity key (lower case), every key checked."""
    if not isinstance(guess, Mapping):
        raise LessonTypeError(f"Write your guess as a dict, like {{'address check': 'command'}}; "
                              f"got {shown(guess)}.")
    keys = {c.key for c in ONBOARDING}
    given = {}
    for key, value in guess.items():
        name = check_name(key, "activity").lower()
        if name not in keys:
            raise LessonError(f"Unknown activity {shown(key)}. {suggest(name, sorted(keys))}")
        given[name] = value
    return given


def onboarding_answers(guess: Mapping[str, object]) -> dict[str, str]:
    """The answers of a guess that read as ``"command"`` or ``"event"``, by activity key
    (``"?"``, blanks and typos left out), as lesson 02's exercise keeps them.

    >>> onboarding_answers({"Address check": " Command", "welcome letter": "?",
    ...                     "loyalty enrolment": "evnt"})
    {'address check': 'command'}
    """
    answers = {}
    for key, value in _guessed(guess).items():
        try:
            answers[key] = parse_kind(value)
        except LessonError:
            continue
    return answers


def review_onboarding_guess(guess: Mapping[str, object]) -> str:
    """Compare a learner's guess for the five onboarding activities with the tree's decisions.

    Pure: lesson 02 calls :func:`lessonlib.course.exercise.hand_in_onboarding_guess`, which
    says the same and also keeps the answers with the student's progress.

    ``guess`` maps an activity (``"address check"``, ...) to ``"command"`` or
    ``"event"``; ``"?"`` means not answered yet. Returns sentences, one per
    activity, then the count.

    >>> print(review_onboarding_guess({"address check": "Command", "loyalty enrolment": "?"}))
    address check: ✓ command - you said command.
    credit check: not answered yet.
    welcome letter: not answered yet.
    onboarding e-mail: not answered yet.
    loyalty enrolment: not answered yet.
    1 of 5 right so far.
    """
    given = _guessed(guess)
    lines, right = [], 0
    for link in ONBOARDING:
        decision = decide(link)
        value = given.get(link.key, "?")
        if isinstance(value, str) and value.strip() in ("", "?"):
            lines.append(f"{link.key}: not answered yet.")
            continue
        try:
            kind = parse_kind(value)
        except LessonError as exc:
            lines.append(f"{link.key}: {exc}")
            continue
        if kind == decision.kind:
            right += 1
            lines.append(f"{link.key}: ✓ {decision.kind} - you said {kind}.")
        else:
            lines.append(f"{link.key}: ✗ it is {a_an(decision.kind)}, not {a_an(kind)}. "
                         f"{decision.reason}")
    lines.append(f"{right} of {len(ONBOARDING)} right so far.")
    return "\n".join(lines)


