"""Runtime evidence: what a trace of the message bus (lesson 05) says about each event."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.disguise.evidence import Evidence
from lessonlib.errors import LessonError, LessonTypeError, shown
from lessonlib.prose import and_list, noun

__all__ = ["runtime_evidence"]


def runtime_evidence(trace: object) -> dict[str, list[Evidence]]:
    """Evidence per event name from a trace of the message bus (lesson 05).

    ``trace`` is a :class:`lessonlib.trace.Trace` (or any iterable of records
    with the same fields as :class:`lessonlib.trace.Record`, as objects or
    dicts: ``seq``, ``kind``, ``message``, ``sender``, ``receiver``,
    ``correlation``, ``fate`` and optionally ``cause``, ``sent`` and ``time``).
    For each event:

    * it reached one receiver only, every time (no news: the subscriptions say
      so already), or several (-);
    * that receiver answered the emitter for the same correlation id (+): a
      record caused by the event's delivery, or later in the trace;
    * where that receiver failed or was down, the emitter sent nothing more
      for that correlation id (+): its process waits on this one receiver.

    >>> trace = [
    ...     {"seq": 0, "kind": "event", "message": "AddressCheckRequired", "sender": "Onboarding",
    ...      "receiver": "Address check", "correlation": "c1", "fate": "handled"},
    ...     {"seq": 1, "kind": "event", "message": "AddressChecked", "sender": "Address check",
    ...      "receiver": "Onboarding", "correlation": "c1", "fate": "handled", "cause": 0}]
    >>> for e in runtime_evidence(trace)["AddressCheckRequired"]:
    ...     print(e)
    ~ runtime: in the trace, all 1 deliveries went to Address check alone (as subscribed; no news)
    + runtime (some): in the trace, Address check answered Onboarding (AddressChecked) for 1 of 1 correlation ids
    """
    records = _records(trace)
    by_event: dict[str, list[dict]] = {}
    for r in records:
        if r["kind"] == "event":
            by_event.setdefault(r["message"], []).append(r)
    result: dict[str, list[Evidence]] = {}
    for name, ds in by_event.items():
        emitter = ds[0]["sender"]
        receivers = sorted({d["receiver"] for d in ds if d["receiver"] is not None})
        evidence = []
        if not receivers:
            evidence.append(Evidence("runtime", EVENT, "weak",
                                     f"in the trace, none of its {len(ds)} publications "
                                     "reached anyone, and nothing waited for them"))
        elif len(receivers) > 1:
            evidence.append(Evidence("runtime", EVENT, "some",
                                     f"in the trace, it reached {len(receivers)} receivers "
                                     f"({and_list(receivers)})"))
        else:
            (receiver,) = receivers
            evidence.append(Evidence("runtime", None, None,
                                     f"in the trace, all {len(ds)} deliveries went to "
                                     f"{receiver} alone (as subscribed; no news)"))
            evidence += _replies(records, ds, emitter, receiver)
        result[name] = evidence
    return result


def _replies(records: list[dict], ds: list[dict], emitter: str,
             receiver: str) -> list[Evidence]:
    evidence = []
    correlations = list(dict.fromkeys(d["correlation"] for d in ds))
    first = {}
    for d in ds:
        first.setdefault(d["correlation"], d["seq"])
    seqs = {d["seq"] for d in ds}
    answered, replies = set(), set()
    for r in records:
        if r["sender"] != receiver or r["receiver"] != emitter:
            continue
        caused = r["cause"] in seqs if r["cause"] is not None else False
        later = r["correlation"] in first and r["seq"] > first[r["correlation"]]
        if caused or (r["cause"] is None and later):
            answered.add(r["correlation"])
            replies.add(r["message"])
    if answered:
        every = len(answered) == len(correlations)
        evidence.append(Evidence(
            "runtime", COMMAND, "some" if every else "weak",
            f"in the trace, {receiver} answered {emitter} ({and_list(sorted(replies))}) for "
            f"{len(answered)} of {len(correlations)} correlation ids"))
    broken = [d for d in ds if d["fate"] in ("failed", "service down", "error")]
    stalled = []
    for d in broken:
        if not any(r["sender"] == emitter and r["correlation"] == d["correlation"]
                   and _after(r, d) for r in records):
            stalled.append(d["correlation"])
    stalled = list(dict.fromkeys(stalled))
    if stalled:
        evidence.append(Evidence(
            "runtime", COMMAND, "some",
            f"in the trace, where {receiver} failed or was down ({len(stalled)} correlation "
            f"{noun(len(stalled), 'id')}, e.g. {shown(stalled[0])}), {emitter} sent nothing "
            "more: its process waits on this one receiver"))
    return evidence


def _after(record: dict, failure: dict) -> bool:
    """Whether ``record`` was sent after ``failure`` happened (by the clock if the trace has
    one: a message sent at the same moment as the failed one is not a reaction to it)."""
    if record["sent"] is not None and failure["time"] is not None:
        return record["sent"] >= failure["time"] and record["seq"] != failure["seq"]
    return record["seq"] > failure["seq"]


_TRACE_FIELDS = ("seq", "kind", "message", "sender", "receiver", "correlation", "fate")
#: A field's old name, still read until 0.3 (a trace saved as dicts by 0.1).
_OLD_FIELDS = {"fate": "outcome"}


def _records(trace: object) -> list[dict]:
    if isinstance(trace, (str, bytes, Mapping)) or not isinstance(trace, Iterable):
        raise LessonTypeError(f"A trace is the list of deliveries the message bus recorded "
                              f"(bus.run() returns it); got {shown(trace)} ({type(trace).__name__}).")
    out = []
    for i, item in enumerate(trace):
        def field_of(key, item=item):
            for name in (key, _OLD_FIELDS.get(key)):
                found = (item.get(name, _MISSING) if isinstance(item, Mapping)
                         else getattr(item, name, _MISSING) if name else _MISSING)
                if found is not _MISSING:
                    return found
            return _MISSING

        record = {}
        for key in _TRACE_FIELDS:
            value = field_of(key)
            if value is _MISSING or (value is None and key != "receiver"):
                raise LessonError(f"Record #{i + 1} of the trace has no {shown(key)}; each record "
                                  f"needs {', '.join(map(repr, _TRACE_FIELDS))} (the fields "
                                  f"of lessonlib.trace.Record). Got {shown(item)}.")
            record[key] = value
        for key in ("cause", "sent", "time"):  # optional
            value = field_of(key)
            record[key] = None if value is _MISSING else value
        out.append(record)
    return out


_MISSING = object()

