"""How a message name reads: the small grammar behind the disguise detector.

Pure string work with an English lexicon, no weights. :func:`read` splits a name
into words, finds its cues (an obligation, an imperative verb, a request, a verb in
the past tense, ...) and says how the name reads on its own, one of
:data:`READINGS`:

* ``"event"``: it states a fact (``OrderPlaced``): an honest event;
* ``"command"``: it says what to do (``GenerateInvoice``): an honest command.
  It is a disguise only when it travels as an event, which a name alone cannot
  tell (unless it says so, like ``CheckCreditEvent``);
* ``"disguise"``: it is dressed as a fact or a state but orders one receiver to act
  (``InvoiceGenerationRequired``, ``EmailToBeSent``): a command in disguise;
* ``"ambiguous"``: a request (``QuoteRequested``), or neither a fact nor an action
  (``ShipmentStatus``): the name cannot decide.

:func:`proposal` names the command a name hides, as an imperative verb and its
object. Verb forms come from lemminflect, an English lemmatizer and inflector
(``cancelled`` -> ``cancel``, ``printing`` -> ``print``), not from hand-written
suffix rules; the few nouns of an action (``generation`` -> ``generate``) are
turned into their verb by trying the usual endings and keeping only a candidate
the lexicon knows as a verb. The detector in :mod:`lessonlib.disguise` weighs the
cues. Introduced (through the detector) in ``07_commands_in_disguise.ipynb``.

>>> read("InvoiceGenerationRequired").kind, proposal(read("InvoiceGenerationRequired"))
('disguise', 'GenerateInvoice')
>>> read("GenerateInvoice").kind, read("FlightCancelled").kind, read("ShipmentStatus").kind
('command', 'event', 'ambiguous')
>>> proposal(read("address check required"), spaced=True)
'Check Address'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lessonlib.errors import LessonError, shown

__all__ = ["CUES", "READINGS", "Reading", "read", "proposal", "words_of", "verb_of"]

#: The cues a name can carry.
CUES = ("obligation", "imperative", "command-suffix", "request", "fact", "no-fact",
        "neutral-suffix")
#: How a name reads on its own.
READINGS = ("event", "command", "disguise", "ambiguous")

# --------------------------------------------------------------------------- the lexicon


@functools.cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Part of speech -> lemmas of ``word`` from lemminflect (empty for unknown words)."""
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word))


@functools.cache
def _forms(lemma: str) -> dict[str, tuple[str, ...]]:
    """Penn tag -> forms of the verb ``lemma`` (VBD past, VBN participle, VBG -ing...)."""
    from lemminflect import getAllInflections

    return dict(getAllInflections(lemma, upos="VERB"))


# Prefixes that make a verb of a verb the lexicon may not list ("rebook", "prepay").
_PREFIXES = ("re", "pre", "un", "de", "dis", "over", "under", "co")


def _verb_lemmas(word: str) -> tuple[str, ...]:
    """The verbs ``word`` can be a form of, known or made with a prefix ("rebooked")."""
    found = _lemmas(word).get("VERB", ())
    if found:
        return found
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) > 2:
            inner = _lemmas(rest).get("VERB", ())
            if inner:
                return tuple(prefix + lemma for lemma in inner)
    return ()


def _forms_of(lemma: str) -> dict[str, tuple[str, ...]]:
    for prefix in _PREFIXES:
        rest = lemma[len(prefix):]
        if lemma.startswith(prefix) and not _lemmas(lemma) and _lemmas(rest).get("VERB"):
            return {tag: tuple(prefix + f for f in forms)
                    for tag, forms in _forms(rest).items()}
    return _forms(lemma)


def _form_of(word: str, tags: tuple[str, ...]) -> str | None:
    """The verb ``word`` is a form of, if it is one of ``tags`` (e.g. VBN), else None."""
    for lemma in _verb_lemmas(word):
        forms = _forms_of(lemma)
        if any(word in forms.get(tag, ()) for tag in tags):
            return lemma
    return None


def _past(word: str) -> str | None:
    """The verb of a past tense or participle ("cancelled" -> "cancel"), else None."""
    return _form_of(word, ("VBN", "VBD"))


def _base_verb(word: str) -> bool:
    """Whether ``word`` is a verb in its base form ("reserve", "print", "rebook")."""
    return word in _verb_lemmas(word)


# Verbs that start command names although the lexicon knows most of them as nouns too
# ("BookHotel", "PrintLabel"). Words such as "order" or "address" are left out: in a
# message name they are nearly always the noun ("OrderStatus", "AddressCheck").
COMMAND_VERBS = frozenset("""
    add allocate approve archive assign bill block book build buy calculate call cancel capture
    charge check clear close collect complete compute confirm create debit delete deliver
    dispatch do email enrol enroll fetch generate get give handle inform inspect invoice issue
    mail make notify open pack pay pick place post prepare print process publish put refund
    register reject release remind remove reserve reset retrieve review run scan schedule send
    set ship start stop submit take transfer update validate verify write
""".split())


def _imperative_verb(word: str) -> bool:
    """A word a command name can start with: a base-form verb that is not mainly a noun."""
    if not _base_verb(word):
        return False
    if word in COMMAND_VERBS:
        return True
    other = set(_lemmas(word)) - {"VERB"}
    if not _lemmas(word):  # made with a prefix: "rebook"
        return any(word.startswith(p) and word[len(p):] in COMMAND_VERBS for p in _PREFIXES)
    return not other  # "generate", "notify", "assess": a verb and nothing else


# The noun of an action -> candidate verbs, tried in order; the first the lexicon knows
# as a verb wins ("generation" -> generate, "clearance" -> clear, "approval" -> approve).
_NOUN_ENDINGS = (
    ("ication", ("y",)), ("ration", ("er", "rate", "re")), ("llation", ("l",)),
    ("ation", ("ate", "e", "")), ("ition", ("e",)), ("ion", ("", "e")),
    ("ment", ("",)), ("al", ("e", "")), ("ance", ("", "e")), ("ence", ("", "e")),
    ("ery", ("er",)), ("ure", ("", "e")),
)


def verb_of(noun: str) -> str | None:
    """The verb a word names the action of, or None.

    A verb is its own ("check", "transfer"); an -ing form gives its verb
    ("printing" -> "print"); a noun of an action gives the verb the lexicon knows
    for it ("generation" -> "generate", "shipment" -> "ship").

    >>> [verb_of(w) for w in ("generation", "clearance", "printing", "check", "customer")]
    ['generate', 'clear', 'print', 'check', None]
    """
    if _base_verb(noun):
        return noun
    gerund = _form_of(noun, ("VBG",))
    if gerund:
        return gerund
    for ending, replacements in _NOUN_ENDINGS:
        if noun.endswith(ending) and len(noun) > len(ending) + 2:
            stem = noun[: -len(ending)]
            for tail in replacements:
                candidate = stem + tail
                if _base_verb(candidate) and "VERB" in _lemmas(candidate):
                    return candidate
    return None


# --------------------------------------------------------------------------- words

OBLIGATION = {"need", "needs", "needed", "require", "requires", "required", "must", "should",
              "shall", "please", "mandatory", "todo"}
REQUEST = {"request", "requests", "requested"}
ARTICLES = {"a", "an", "the"}
NEUTRAL_SUFFIXES = {"event", "evt", "message", "msg"}
COMMAND_SUFFIXES = {"command", "cmd"}
PARTICLES = {"in", "out", "up", "off", "back", "down", "over"}
# What an action acts on when the name does not say: "ShipmentRequest" -> "ShipGoods".
DEFAULT_OBJECT = {"shipment": ["goods"], "registration": ["customer"], "delivery": ["goods"]}
# Things the course's systems send or retrieve: "payment required" -> "Retrieve Payment".
OBJECT_VERB = {
    "payment": "retrieve", "goods": "fetch", "notification": "send", "letter": "send",
    "email": "send", "mail": "send", "reminder": "send", "invoice": "send", "message": "send",
}

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
    """What a name says: its words, its cues, and how it reads on its own.

    ``kind`` is one of :data:`READINGS`; ``cues`` are (cue, sentence) pairs,
    strongest first; ``suffix`` is "event", "command" or None (a suffix such as
    ``Event`` or ``Command``).
    """

    words: tuple[str, ...]  # without neutral / command suffixes
    cues: tuple[tuple[str, str], ...]
    kind: str
    suffix: str | None
    obligation_at: int | None
    request_at: int | None
    imperative: bool
    fact_at: int | None

    @property
    def command_suffix(self) -> bool:
        return self.suffix == "command"


def _obligation(words: list[str]) -> tuple[int | None, str]:
    """Where an obligation starts, and the phrase that states it."""
    for i, w in enumerate(words):
        if w in OBLIGATION:
            if w.startswith("need") and i + 1 < len(words) and words[i + 1] == "to":
                return i, " ".join(words[i:i + 4])
            return i, w
        if w in ("has", "have") and i + 1 < len(words) and words[i + 1] == "to":
            return i, " ".join(words[i:i + 3])
        if (w == "to" and i + 2 < len(words) and words[i + 1] == "be"
                and _past(words[i + 2])):  # "EmailToBeSent"
            return i, " ".join(words[i:i + 3])
    return None, ""


def read(name: str) -> Reading:
    """Read a message name: its words without suffixes, its cues, and how it reads.

    >>> r = read("PlaceOrderCommand")
    >>> r.kind, r.cues[0][0]
    ('command', 'imperative')
    >>> read("OrderPlaced").cues[0][0], read("CheckCreditEvent").kind
    ('fact', 'disguise')
    """
    words = words_of(name)
    if not any(w.isalpha() for w in words):
        raise LessonError(f"A message name needs at least one word, like 'OrderPlaced'; "
                          f"got {shown(name)}.")
    cues: list[tuple[str, str]] = []
    suffix = None
    while len(words) > 1 and words[-1] in NEUTRAL_SUFFIXES | COMMAND_SUFFIXES:
        word = words.pop()
        if word in COMMAND_SUFFIXES:
            suffix = "command"
            cues.append(("command-suffix", f"the suffix {shown(word.title())} says it is a command"))
        else:
            suffix = suffix or "event"
            cues.append(("neutral-suffix", f"the suffix {shown(word.title())} says nothing about "
                                           "the meaning; the meaning decides"))

    obligation_at, phrase = _obligation(words)
    request_at = next((i for i, w in enumerate(words) if w in REQUEST), None)
    fact_at = None
    for i, w in enumerate(words):
        if w in OBLIGATION or w in REQUEST or (i and words[i - 1] in ("be", "been", "to")):
            continue
        if i == 0 and len(words) > 1 and _imperative_verb(w):
            continue  # "ResetPassword": an imperative, not a fact
        if _past(w) is not None:
            fact_at = i
    imperative = (len(words) > 1 and _imperative_verb(words[0]) and fact_at is None
                  and obligation_at is None and request_at is None)

    if obligation_at is not None:
        cues.insert(0, ("obligation", f"{shown(phrase)} states an obligation, not a fact: it "
                                      "orders someone to act"))
        kind = "disguise"
    elif imperative and suffix == "event":  # "CheckCreditEvent"
        cues = [("imperative", f"it starts with the imperative verb {shown(words[0])} yet calls "
                               "itself an event: a command's name dressed as an event")]
        kind = "disguise"
    elif imperative:
        cues.insert(0, ("imperative", f"it starts with the imperative verb {shown(words[0])}: it "
                                      "says what to do"))
        kind = "command"
    elif suffix == "command":
        kind = "command"
    elif request_at is not None:
        cues.insert(0, ("request", f"{shown(words[request_at])}: a request for action; is it a "
                                   "fact worth announcing, or an order to one receiver?"))
        kind = "ambiguous"
    elif fact_at is not None:
        cues.insert(0, ("fact", f"{shown(words[fact_at])} is in the past tense: the name states a "
                                "fact"))
        kind = "event"
    else:
        cues.insert(0, ("no-fact", "the name states neither a fact (past tense) nor an "
                                   "action; an event's name usually says what happened"))
        kind = "ambiguous"
    return Reading(tuple(words), tuple(cues), kind, suffix, obligation_at, request_at,
                   imperative, fact_at)


def join(words: Iterable[str], spaced: bool) -> str:
    titled = [w[:1].upper() + w[1:] for w in words if w not in ARTICLES]
    return (" " if spaced else "").join(titled)


def action(words: list[str]) -> list[str] | None:
    """Turn a noun phrase ending in what is acted on, or in an action, into verb + object.

    >>> action(["seat", "reservation"]), action(["payment"]), action(["quote"])
    (['reserve', 'seat'], ['retrieve', 'payment'], None)
    """
    words = [w for w in words if w not in ARTICLES]
    if not words:
        return None
    *objects, last = words
    if last in OBJECT_VERB:
        return [OBJECT_VERB[last], *words]
    verb = verb_of(last)
    objects = objects or DEFAULT_OBJECT.get(last, [])
    if verb is None or not objects:
        return None  # no action, or nothing it acts on: let the student name it
    return [verb, *objects]


def proposal(reading: Reading, spaced: bool = False) -> str | None:
    """The command a name hides, as a verb and its object; None if the name does not say.

    A name that already reads as a command is its own proposal.

    >>> [proposal(read(n)) for n in ("CustomerAddressChanged", "FlightCancelled",
    ...                              "StockDepleted", "EmailToBeSent", "LabelPrintingRequired")]
    ['ChangeCustomerAddress', 'CancelFlight', 'DepleteStock', 'SendEmail', 'PrintLabel']
    """
    words = list(reading.words)
    if reading.imperative or (reading.command_suffix and _imperative_verb(words[0])):
        return join(words, spaced)
    if reading.obligation_at is not None:
        i = reading.obligation_at
        before, after = words[:i], words[i + 1:]
        if words[i] in ("has", "have"):
            after = after[1:]
        if words[i] == "to":  # "to be sent": the phrase starts at "to"
            after = words[i + 1:]
        if after and after[0] == "to":
            after = after[1:]
        if after and after[0] in ("be", "been"):  # passive: "to be sent a notification"
            verb = _past(after[1]) if len(after) > 1 else None
            rest = [w for w in after[2:] if w not in ARTICLES] or before
            return join([verb, *rest], spaced) if verb and rest else None
        if after and _imperative_verb(after[0]) and len(after) > 1:  # "needs to ship goods"
            return join(after, spaced)
        return join(action(before) or [], spaced) or None
    if reading.request_at is not None:
        return join(action(words[:reading.request_at]) or [], spaced) or None
    if reading.fact_at is not None:  # "CustomerRegistered" -> "RegisterCustomer"
        i = reading.fact_at
        verb = [_past(words[i])]
        rest = words[:i] + words[i + 1:]
        if i + 1 < len(words) and words[i + 1] in PARTICLES:  # "checked in" -> "check in"
            verb.append(words[i + 1])
            rest = words[:i] + words[i + 2:]
        return join([*verb, *rest], spaced) if rest else None
    return None
