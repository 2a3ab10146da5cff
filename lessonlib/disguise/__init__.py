"""Commands in disguise: events that are really commands in an event costume.

An event states a fact; whoever cares may react. When an "event" names an
obligation ("CustomerNeedsToBeSentANotification"), has exactly one subscriber
that must act and reply, and its emitter's process breaks without that
subscriber, it is a command wearing an event's costume (Fowler's
"passive-aggressive command"). Introduced in ``07_commands_in_disguise.ipynb``.

The detector never answers a bare yes or no: it lists the evidence for a command
(``+``) and against it (``-``), each with its strength in words, and gives a
verdict in words. By name alone a message reads as an honest event, an honest
command, a command in disguise or ambiguous (see :mod:`lessonlib.names`):

>>> print(inspect_name("InvoiceGenerationRequired"))
InvoiceGenerationRequired: likely a command in disguise
  + name (strong): 'required' states an obligation, not a fact: it orders someone to act
  proposed command: GenerateInvoice
>>> print(inspect_name("GenerateInvoice"))
GenerateInvoice: reads as an honest command (a disguise only if it travels as an event)
  + name (strong): it starts with the imperative verb 'generate': it says what to do

Three kinds of evidence:

* **name** (static): an obligation ("needs to", "required", "to be sent"), an
  imperative verb, a request ("...Requested"), or the past tense (a fact);
* **structure** (static, from an :class:`~lessonlib.architecture.Architecture`):
  exactly one subscriber (a warning sign, not proof), a reply the emitter waits
  for, the emitter's process losing steps when that subscriber is removed;
* **runtime** (from a trace of the message bus, lesson 05): one receiver
  every time, its reply to the emitter, the emitter stalling when that
  receiver fails; see :func:`runtime_evidence`.

How an event's evidence adds up to a verdict is a short rule with points the
course chose (:data:`POINTS`); :meth:`Finding.weighed` shows them for one
finding, on request. They are a teaching device, not a measurement.

One module per idea: :mod:`~lessonlib.disguise.evidence` (evidence, verdicts and
findings), :mod:`~lessonlib.disguise.by_name` (what a name says),
:mod:`~lessonlib.disguise.detector` (a model's events examined, with
:mod:`~lessonlib.disguise.runtime` for a trace's evidence) and
:mod:`~lessonlib.disguise.remodel` (unmask and dress).
"""

from __future__ import annotations

from lessonlib.disguise.by_name import inspect_name, inspect_names, propose_command
from lessonlib.disguise.detector import detect
from lessonlib.disguise.evidence import (
    AMBIGUOUS,
    DISGUISED,
    HONEST,
    HONEST_COMMAND,
    POINTS,
    DisguiseReport,
    Evidence,
    Finding,
)
from lessonlib.disguise.remodel import dependency_flip, dress, unmask
from lessonlib.disguise.runtime import runtime_evidence

__all__ = [
    "Evidence",
    "Finding",
    "DisguiseReport",
    "inspect_name",
    "inspect_names",
    "detect",
    "propose_command",
    "unmask",
    "dress",
    "dependency_flip",
    "runtime_evidence",
    "DISGUISED",
    "AMBIGUOUS",
    "HONEST",
    "HONEST_COMMAND",
    "POINTS",
]
