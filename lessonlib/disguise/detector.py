"""The detector: every event of a model examined for a costume, by name, structure and trace."""

from __future__ import annotations

from lessonlib.architecture import COMMAND, EVENT, Architecture, expect_architecture
from lessonlib.disguise.by_name import name_evidence
from lessonlib.disguise.evidence import DisguiseReport, Evidence, Finding, verdict_of
from lessonlib.disguise.runtime import runtime_evidence
from lessonlib.errors import shown
from lessonlib.names import proposal
from lessonlib.prose import and_list, noun

__all__ = ["detect", "model_to_examine"]


def _structure(arch: Architecture, event) -> list[Evidence]:
    evidence = []
    subs = event.targets
    if not subs:
        evidence.append(Evidence("structure", EVENT, "some",
                                 "nobody subscribes: its emitter cannot be waiting for "
                                 "anyone to act"))
        return evidence
    if len(subs) > 1:
        evidence.append(Evidence("structure", EVENT, "strong",
                                 f"{len(subs)} subscribers ({and_list(subs)}) each react "
                                 "on their own: a fact many may use"))
        return evidence
    (sub,) = subs
    evidence.append(Evidence("structure", COMMAND, "weak",
                             f"exactly one subscriber ({sub}) today: a warning sign, not "
                             "proof (an honest event may have one subscriber)"))
    replies = [m.name for m in arch.messages
               if m.is_event and m.source == sub and event.source in m.targets
               and _comes_after(arch, event.source, event.name, m.name)]
    if replies:
        evidence.append(Evidence("structure", COMMAND, "some",
                                 f"{sub} answers with {and_list(replies)}, which "
                                 f"{event.source} waits for: the subscriber must act and "
                                 "reply"))
    owned = [p for p in arch.processes if p.owner == event.source]
    if owned:
        without = arch.copy()
        without.remove_service(sub)
        after = {p.name: set(p.steps) for p in without.processes}
        for process in owned:
            lost = [s for s in process.steps
                    if s != event.name and s not in after.get(process.name, ())]
            if lost:
                evidence.append(Evidence(
                    "structure", COMMAND, "some",
                    f"without {sub}, {event.source}'s process {process.name!r} loses "
                    f"the {noun(len(lost), 'step')} {and_list(lost)}: "
                    "the emitter depends on this one receiver"))
    if _obliged(event.description):
        evidence.append(Evidence("structure", COMMAND, "some",
                                 f"it is described as {shown(event.description)}: someone must "
                                 "make sure it happens"))
    return evidence


def _obliged(description: str) -> bool:
    words = set(description.lower().replace(",", " ").split())
    return bool(words & {"must", "required", "mandatory", "legally", "obliged"}) or \
        "has to" in description.lower()


def _comes_after(arch: Architecture, owner: str, first: str, second: str) -> bool:
    """Whether ``second`` answers ``first``: later in the owner's process, else in the model."""
    for process in arch.processes:
        if process.owner == owner and first in process.steps and second in process.steps:
            return process.steps.index(second) > process.steps.index(first)
    names = [m.name for m in arch.messages]
    return names.index(second) > names.index(first)


def model_to_examine(arch: object) -> Architecture:
    """``arch`` if it is an Architecture; else a sentence (bare names go to inspect_names)."""
    return expect_architecture(arch, "The model to examine",
                               hint="For bare names use inspect_names([...]).")


def detect(arch: Architecture, trace: object = None) -> DisguiseReport:
    """Examine every event of ``arch`` for a command's costume; commands are skipped.

    Introduced in ``07_commands_in_disguise.ipynb``.

    Parameters
    ----------
    arch : Architecture
        The system to examine.
    trace : optional
        Deliveries recorded by the message bus (lesson 05), adding runtime
        evidence; see :func:`runtime_evidence` for what is accepted.

    Returns
    -------
    DisguiseReport
        One :class:`Finding` per event, in model order.

    Examples
    --------
    >>> from lessonlib.scenarios import costume_catalogue
    >>> report = detect(costume_catalogue())
    >>> [f.name for f in report.flagged]
    ['PaymentRequired', 'AddressCheckRequired', 'CreditCheckRequested', 'CustomerNeedsToBeSentAWelcomeLetterEvent']
    >>> report.finding("OrderPlaced").verdict
    'looks like an honest event'
    """
    arch = model_to_examine(arch)
    runtime = runtime_evidence(trace) if trace is not None else {}
    findings = []
    for message in arch.messages:
        if not message.is_event:
            continue
        reading, evidence = name_evidence(message.name)
        evidence += _structure(arch, message)
        evidence += runtime.get(message.name, [])
        points = sum(e.points for e in evidence)
        findings.append(Finding(message.name, tuple(evidence), verdict_of(points),
                                proposal(reading, spaced=" " in message.name),
                                message.source, message.targets))
    return DisguiseReport(arch.name, tuple(findings))

