"""The evidence for and against a costume, how it adds up to a verdict, and the findings.

An :class:`Evidence` leans towards a command (``+``) or an event (``-``) with a
strength in words; a :class:`Finding` is one message's evidence and verdict; a
:class:`DisguiseReport` holds the findings of several. The points behind a verdict
(:data:`POINTS`) are the course's choice, shown on request (:meth:`Finding.weighed`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.errors import LessonError, check_name, shown, suggest
from lessonlib.prose import Sentences, and_list, noun, plural

__all__ = ["Evidence", "Finding", "DisguiseReport", "verdict_of", "DISGUISED", "AMBIGUOUS",
           "HONEST", "HONEST_COMMAND", "POINTS", "DISGUISED_AT", "AMBIGUOUS_AT"]

DISGUISED = "likely a command in disguise"
AMBIGUOUS = "ambiguous: look at who reacts and why"
HONEST = "looks like an honest event"
#: A name alone that says what to do: honest, unless it travels as an event.
HONEST_COMMAND = "reads as an honest command (a disguise only if it travels as an event)"

#: Points per strength, shown only on request (Finding.weighed). An event whose
#: evidence for a command outweighs the evidence against by DISGUISED_AT points or more
#: is likely a command in disguise; by AMBIGUOUS_AT to DISGUISED_AT - 1, ambiguous;
#: otherwise it looks like an honest event.
POINTS = {"strong": 4, "some": 2, "weak": 1}
DISGUISED_AT = 4
AMBIGUOUS_AT = 1


@dataclass(frozen=True)
class Evidence:
    """One reason: which way it leans (towards a command or an event), how strongly, and why."""

    source: str  # "name", "structure" or "runtime"
    leans: str | None  # COMMAND, EVENT or None (no news either way)
    strength: str | None  # "strong", "some", "weak" or None
    text: str

    @property
    def sign(self) -> str:
        return {COMMAND: "+", EVENT: "-"}.get(self.leans, "~")

    @property
    def points(self) -> int:
        """Positive towards a command, negative towards an event (see :data:`POINTS`)."""
        value = POINTS.get(self.strength, 0)
        return value if self.leans == COMMAND else -value if self.leans == EVENT else 0

    def __str__(self) -> str:
        strength = f" ({self.strength})" if self.strength else ""
        return f"{self.sign} {self.source}{strength}: {self.text}"


def verdict_of(points: int) -> str:
    """The verdict for an event whose evidence adds up to ``points`` (see :data:`POINTS`).

    >>> verdict_of(4), verdict_of(1), verdict_of(0)
    ('likely a command in disguise', 'ambiguous: look at who reacts and why', 'looks like an honest event')
    """
    if points >= DISGUISED_AT:
        return DISGUISED
    if points >= AMBIGUOUS_AT:
        return AMBIGUOUS
    return HONEST


@dataclass(frozen=True)
class Finding:
    """What the detector concluded about one message, and why.

    ``verdict`` is a band in words; ``evidence`` lists every reason for and against;
    ``proposal`` is the command to model it as (None when no action can be read
    from the name). ``by_name`` is True for a name read on its own.
    """

    name: str
    evidence: tuple[Evidence, ...]
    verdict: str
    proposal: str | None = None
    emitter: str | None = None
    subscribers: tuple[str, ...] = ()
    by_name: bool = False

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(str(e) for e in self.evidence)

    @property
    def points(self) -> int:
        """The evidence's points added up (shown only by :meth:`weighed`)."""
        return sum(e.points for e in self.evidence)

    def advice(self) -> str | None:
        """What to do about it, in one line (None for an honest event or command)."""
        if self.verdict in (HONEST, HONEST_COMMAND):
            return None
        if self.proposal is None:
            return ("no command name proposed: name the action the receiver must take, as a "
                    "verb and what it acts on")
        if self.proposal == self.name:
            return (f"the name already says what to do: model it as the command "
                    f"{self.proposal} (no new name needed)")
        return f"proposed command: {self.proposal}"

    def weighed(self) -> Sentences:
        """The finding with the points behind its verdict, for a student who asks for them.

        >>> from lessonlib.disguise import inspect_name
        >>> print(inspect_name("address check required").weighed())
        address check required: likely a command in disguise
          +4 name: 'required' states an obligation, not a fact: it orders someone to act
          total +4. Points are the course's choice: strong 4, some 2, weak 1; +4 or more reads as likely a command in disguise, +1 to +3 ambiguous, 0 or less an honest event.
        """
        lines = [f"{self.name}: {self.verdict}"]
        lines += [f"  {e.points:+d} {e.source}: {e.text}" for e in self.evidence]
        lines.append(f"  total {self.points:+d}. Points are the course's choice: strong "
                     f"{POINTS['strong']}, some {POINTS['some']}, weak {POINTS['weak']}; "
                     f"+{DISGUISED_AT} or more reads as {DISGUISED}, +{AMBIGUOUS_AT} to "
                     f"+{DISGUISED_AT - 1} ambiguous, 0 or less an honest event.")
        if self.by_name and self.verdict == HONEST_COMMAND:
            lines.append("  For a name on its own, an imperative is an honest command; the "
                         "points count when detect() finds it travelling as an event.")
        return Sentences("\n".join(lines))

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.verdict}"]
        lines += [f"  {e}" for e in self.evidence]
        advice = self.advice()
        if advice:
            lines.append(f"  {advice}")
        return "\n".join(lines)


@dataclass(frozen=True)
class DisguiseReport:
    """The detector's findings for several messages, in the order they were given."""

    title: str
    findings: tuple[Finding, ...]
    what: str = "event"  # what was examined: "event" (detect) or "name" (inspect_names)

    @property
    def flagged(self) -> tuple[Finding, ...]:
        """Findings whose verdict is :data:`DISGUISED`."""
        return tuple(f for f in self.findings if f.verdict == DISGUISED)

    @property
    def ambiguous(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.verdict == AMBIGUOUS)

    def finding(self, name: str) -> Finding:
        name = check_name(name, "message name")
        for f in self.findings:
            if f.name == name:
                return f
        names = [f.name for f in self.findings]
        raise LessonError(f"The report on {self.title!r} has no {self.what} {shown(name)}. "
                          f"{suggest(name, names)}")

    def summary(self) -> Sentences:
        """One sentence with the counts, computed from the findings (shown as text)."""
        counts = Counter(f.verdict for f in self.findings)
        parts = [f"{counts[DISGUISED]} likely {noun(counts[DISGUISED], 'command')} in disguise",
                 f"{counts[AMBIGUOUS]} ambiguous"]
        if counts[HONEST_COMMAND]:
            parts.append(f"{plural(counts[HONEST_COMMAND], 'honest command')}")
        parts.append(f"{counts[HONEST]} honest {noun(counts[HONEST], 'event')}")
        return Sentences(f"{self.title}: {plural(len(self.findings), self.what)} examined; "
                         f"{and_list(parts)}.")

    def table(self) -> str:
        """One line per message: verdict, and the command it hides, if it hides one."""
        width = max((len(f.name) for f in self.findings), default=4)
        lines = []
        for f in self.findings:
            hint = (f" -> {f.proposal}" if f.proposal and f.verdict in (DISGUISED, AMBIGUOUS)
                    else "")
            lines.append(f"{f.name:<{width}}  {f.verdict}{hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return "\n\n".join([self.summary(), *(str(f) for f in self.findings)])

