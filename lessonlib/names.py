"""How a message name reads: the small grammar behind the disguise detector.

Pure string work, no weights: :func:`read` splits a name into words and finds
its cues (an obligation, an imperative verb, a request, past tense, ...);
:func:`proposal` turns a name into the command it hides. The detector in
:mod:`lessonlib.disguise` weighs the cues. Introduced (through the detector) in
``06_commands_in_disguise.ipynb``.

>>> [cue for cue, _ in read("CustomerNeedsToBeSentANotificationEvent").cues]
['obligation', 'neutral-suffix']
>>> proposal(read("address check required"), spaced=True)
'Check Address'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lessonlib.errors import LessonError, shown

__all__ = ["CUES", "Reading", "read", "proposal", "words_of"]

#: The cues a name can carry.
CUES = ("obligation", "imperative", "command-suffix", "request", "fact", "no-fact",
        "neutral-suffix")

# --------------------------------------------------------------------------- words

# Verbs a command name starts with (base form). Deliberately without words that
# are mostly nouns in message names, such as "order".
VERBS = frozenset("""
    add allocate approve archive assign bill block book build buy calculate call cancel capture
    charge check clear close collect complete compute confirm create debit delete deliver
    dispatch do email enrol enroll fetch generate get give handle inform inspect invoice issue
    mail make notify open pack pay pick place post prepare print process publish put refund
    register reject release remind remove reserve reset retrieve review run scan schedule send
    set ship start stop submit take transfer update validate verify write
""".split())

IRREGULAR = {
    "build": "built", "buy": "bought", "do": "done", "get": "got", "give": "given",
    "make": "made", "pay": "paid", "put": "put", "reset": "reset", "run": "run",
    "send": "sent", "set": "set", "take": "taken", "write": "written",
}
# Past participles of verbs not in VERBS, so facts like "WelcomeLetterSent" read as facts.
MORE_PARTICIPLES = {
    "begun": "begin", "bought": "buy", "brought": "bring", "chosen": "choose", "cut": "cut",
    "drawn": "draw", "found": "find", "held": "hold", "kept": "keep", "known": "know",
    "left": "leave", "lost": "lose", "read": "read", "seen": "see", "shown": "show",
    "sold": "sell", "spent": "spend", "told": "tell", "won": "win", "withdrawn": "withdraw",
}
_DOUBLING = {"ship", "stop", "plan", "drop", "ban", "tap", "step", "shop", "grab"}
OBLIGATION = {"need", "needs", "needed", "require", "requires", "required", "must", "should",
              "shall", "please", "mandatory", "todo"}
REQUEST = {"request", "requests", "requested"}
ARTICLES = {"a", "an", "the"}
NEUTRAL_SUFFIXES = {"event", "evt", "message", "msg"}
COMMAND_SUFFIXES = {"command", "cmd"}
# Nouns of an action, and the verb that performs it ("address check" -> "check address").
NOMINAL = {
    "approval": "approve", "calculation": "calculate", "cancellation": "cancel",
    "check": "check", "confirmation": "confirm", "creation": "create", "delivery": "deliver",
    "enrolment": "enrol", "enrollment": "enroll", "inspection": "inspect",
    "refund": "refund", "registration": "register", "reservation": "reserve",
    "review": "review", "scan": "scan", "shipment": "ship", "transfer": "transfer",
    "update": "update", "validation": "validate", "verification": "verify",
}
# What an action noun acts on when the name does not say: "ShipmentRequest" -> "ShipGoods".
DEFAULT_OBJECT = {"shipment": ["goods"], "registration": ["customer"], "delivery": ["goods"]}
# Things that are sent or retrieved: "payment required" -> "Retrieve Payment".
OBJECT_VERB = {
    "payment": "retrieve", "goods": "fetch", "notification": "send", "letter": "send",
    "email": "send", "mail": "send", "reminder": "send", "invoice": "send", "message": "send",
}


def _participle(verb: str) -> str:
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    if verb in _DOUBLING:
        return verb + verb[-1] + "ed"
    return verb + "ed"


_BASE_OF = {**MORE_PARTICIPLES, **{_participle(v): v for v in VERBS}}


def _base(participle: str) -> str | None:
    """The base verb of a past participle, or None if the word is not one."""
    if participle in _BASE_OF:
        return _BASE_OF[participle]
    if len(participle) > 4 and participle.endswith("ied"):
        return participle[:-3] + "y"
    if len(participle) > 4 and participle.endswith("ed"):
        stem = participle[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        if stem.endswith(("at", "iz", "ir", "ur", "v", "c", "dg", "rg", "ut")):
            return stem + "e"
        return stem
    return None


_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words_of(name: str) -> list[str]:
    """Split a message name into lower-case words (CamelCase, spaces, '_' or '-').

    >>> words_of("CustomerNeedsToBeSentANotificationEvent")
    ['customer', 'needs', 'to', 'be', 'sent', 'a', 'notification', 'event']
    >>> words_of("address check required")
    ['address', 'check', 'required']
    """
    return [w.lower() for w in _WORD.findall(name)]



# --------------------------------------------------------------------------- reading

@dataclass(frozen=True)
class Reading:
    """What a name says: its words and the cues found in them (see :data:`CUES`)."""

    words: tuple[str, ...]  # without neutral / command suffixes
    cues: tuple[tuple[str, str], ...]  # (cue, sentence), strongest first
    command_suffix: bool
    obligation_at: int | None
    request_at: int | None
    imperative: bool
    fact_at: int | None


def read(name: str) -> Reading:
    """Read a message name: its words without suffixes, and its cues, strongest first.

    >>> read("PlaceOrderCommand").cues[0][0], read("OrderPlaced").cues[0][0]
    ('imperative', 'fact')
    """
    words = words_of(name)
    if not any(w.isalpha() for w in words):
        raise LessonError(f"A message name needs at least one word, like 'OrderPlaced'; "
                          f"got {shown(name)}.")
    cues: list[tuple[str, str]] = []
    command_suffix = False
    while len(words) > 1 and words[-1] in NEUTRAL_SUFFIXES | COMMAND_SUFFIXES:
        suffix = words.pop()
        if suffix in COMMAND_SUFFIXES:
            command_suffix = True
            cues.append(("command-suffix", f"the suffix {suffix.title()!r} says it is a command"))
        else:
            cues.append(("neutral-suffix", f"the suffix {suffix.title()!r} says nothing; "
                                                  "the meaning decides"))

    obligation_at = next((i for i, w in enumerate(words) if w in OBLIGATION), None)
    if obligation_at is None:  # "has to", "have to"
        obligation_at = next((i for i, w in enumerate(words[:-1])
                              if w in ("has", "have") and words[i + 1] == "to"), None)
    request_at = next((i for i, w in enumerate(words) if w in REQUEST), None)
    fact_at = None
    for i, w in enumerate(words):
        if w in OBLIGATION or w in REQUEST or (i and words[i - 1] in ("be", "been", "to")):
            continue
        if i == 0 and w in VERBS and len(words) > 1:
            continue  # "ResetPassword": an imperative, not a fact
        if _base(w) is not None:
            fact_at = i
    imperative = (words[0] in VERBS and len(words) > 1 and fact_at is None
                  and obligation_at is None and request_at is None)

    if obligation_at is not None:
        phrase = " ".join(words[obligation_at:obligation_at + 4]
                          if words[obligation_at] in ("needs", "need", "has", "have")
                          else words[obligation_at:obligation_at + 1])
        phrase = re.sub(r"\b(a|an|the)$", "", phrase).strip()
        cues.insert(0, ("obligation", f"{shown(phrase)} states an obligation, not a fact"))
    elif imperative:
        cues.insert(0, ("imperative", f"it starts with the imperative verb {words[0]!r}: it "
                                    "says what to do"))
    elif request_at is not None:
        cues.insert(0, ("request", f"{words[request_at]!r}: a request for action; is it a "
                                    "fact worth announcing, or an order to one receiver?"))
    elif fact_at is not None:
        cues.insert(0, ("fact", f"{words[fact_at]!r} is past tense: the name states a fact"))
    elif not command_suffix:
        cues.insert(0, ("no-fact", "the name states neither a fact (past tense) nor an "
                                    "action; an event's name usually says what happened"))
    return Reading(tuple(words), tuple(cues), command_suffix, obligation_at, request_at,
                    imperative, fact_at)


def join(words: Iterable[str], spaced: bool) -> str:
    titled = [w[:1].upper() + w[1:] for w in words if w not in ARTICLES]
    return (" " if spaced else "").join(titled)


def action(words: list[str]) -> list[str] | None:
    """Turn a noun phrase ending in an action noun into verb + object."""
    words = [w for w in words if w not in ARTICLES]
    if not words:
        return None
    *objects, last = words
    if last in NOMINAL:
        return [NOMINAL[last], *(objects or DEFAULT_OBJECT.get(last, []))]
    if last in OBJECT_VERB:
        return [OBJECT_VERB[last], *words]
    return None


def proposal(reading: Reading, spaced: bool) -> str | None:
    """The command a name hides, as words or CamelCase; None if no action can be read.

    >>> proposal(read("CustomerRegistered"), spaced=False)
    'RegisterCustomer'
    """
    words = list(reading.words)
    if reading.imperative or (reading.command_suffix and words[0] in VERBS):
        return join(words, spaced)
    if reading.obligation_at is not None:
        i = reading.obligation_at
        before, after = words[:i], words[i + 1:]
        if words[i] in ("has", "have"):
            after = after[1:]
        if after and after[0] == "to":
            after = after[1:]
        if after and after[0] in ("be", "been"):  # passive: "to be sent a notification"
            verb = _base(after[1]) if len(after) > 1 else None
            if verb:
                rest = [w for w in after[2:] if w not in ARTICLES]
                return join([verb, *(rest or before)], spaced)
            return None
        if after and after[0] in VERBS:  # active: "needs to ship goods"
            return join(after, spaced)
        return join(action(before) or [], spaced) or None
    if reading.request_at is not None:
        return join(action(words[:reading.request_at]) or [], spaced) or None
    if reading.fact_at is not None:  # "CustomerRegistered" -> "RegisterCustomer"
        verb = _base(words[reading.fact_at])
        rest = words[:reading.fact_at] + words[reading.fact_at + 1:]
        return join([verb, *rest], spaced)
    return None
