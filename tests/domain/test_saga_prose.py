"""Lesson 06's lab sentences against the lab's counts, over many random settings.

Every sentence a saga lab prints must be chosen by its numbers and stay true at every
setting. These tests draw random days (rates for every service, silent failures included,
Shipping down or idempotent, the owner's time frame and recovery), run the lab, and read
each printed sentence back with patterns written here, independently of the code that
wrote it: each pattern says what its sentence claims about the counts, and every sentence
must match one. ``pytest -s -k prose`` prints how many settings were tried.
"""

from __future__ import annotations

import random
import re

import pytest

from lessonlib.saga_lab import fair_lab, recovery_lab, timeout_outcomes, timeout_text
from lessonlib.simulate import COMPENSATED, COMPLETED, COMPLETED_LATE, INCONSISTENT, SEEN, STUCK
from lessonlib.simulate.sagas import RECOVERIES

#: How many random days each lab is run on (kept small enough for two cores).
FAIR_SETTINGS, RECOVERY_SETTINGS, TIMEOUT_SETTINGS = 120, 40, 80


def _day(rng: random.Random) -> dict:
    def rate():
        return rng.choice([0.0, 0.0, 0.02, 0.1, 0.3, 0.7, 1.0])

    day = {}
    quiet = rng.random() < 0.3  # no silence at all: only announced failures and slowness
    for service in ("Payment", "Inventory", "Shipping"):
        loud = service == "Shipping" or not quiet  # only Shipping can announce its failures
        values = {"failure_rate": rate() if loud else 0.0, "slow_rate": rate(),
                  "silent_rate": 0.0 if quiet else rate()}
        if service == "Shipping" and not quiet and rng.random() < 0.1:
            values["down"] = True
        if service == "Shipping" and rng.random() < 0.3:
            values["idempotent"] = True
        day[service] = values
    return day


def stuck(c: dict) -> int:
    return c[STUCK] + c[SEEN]


def _n(m, group="n"):
    return int(m.group(group))


def _change(m, ours: int, theirs: int) -> bool:
    """'N fewer' / 'N more' read back against the two counts."""
    n, word = _n(m), m.group("word")
    return n > 0 and ((word == "fewer" and theirs - ours == n)
                      or (word == "more" and ours - theirs == n))


# Each pattern: what the sentence claims about (chain, tracked, owner).
FAIR = [
    (r"Compensated: (?P<a>\d+) in the chain, (?P<b>\d+) with the owner\.",
     lambda m, c, t, o: (_n(m, "a"), _n(m, "b")) == (c[COMPENSATED], o[COMPENSATED])),
    (r"Silence: no order was left stuck, in either style\.",
     lambda m, c, t, o: stuck(c) == stuck(o) == 0),
    (r"Silence: the event chain left no order stuck\.", lambda m, c, t, o: stuck(c) == 0),
    (r"Silence: the event chain left (?P<n>\d+) orders? stuck, and nobody knows which "
     r"\((?P<a>\d+) stuck\); a tracker lists them but cannot act \((?P<b>\d+) stuck but seen\)\.",
     lambda m, c, t, o: _n(m) == stuck(c) == _n(m, "a") == c[STUCK] > 0
     and _n(m, "b") == t[SEEN]),
    (r"The owner left no order stuck\.", lambda m, c, t, o: stuck(o) == 0),
    (r"The owner left (?P<n>\d+) orders? stuck: it lists (?P<a>\d+) \(stuck but seen\)"
     r"(, and (?P<b>\d+) it never heard of)?\.",
     lambda m, c, t, o: _n(m) == stuck(o) > 0 and _n(m, "a") == o[SEEN]
     and (o[STUCK] == 0 if m.group("b") is None else _n(m, "b") == o[STUCK])),
    (r"Its time frames win here: (?P<n>\d+) (?P<word>fewer) orders stuck than in the chain\.",
     lambda m, c, t, o: _change(m, stuck(o), stuck(c))),
    (r"Here the owner has (?P<n>\d+) (?P<word>more) orders stuck than the chain\.",
     lambda m, c, t, o: _change(m, stuck(o), stuck(c))),
    (r"Completed late \(the SLA missed\): (?P<a>\d+) in the chain, (?P<b>\d+) with the owner\.",
     lambda m, c, t, o: (_n(m, "a"), _n(m, "b")) == (c[COMPLETED_LATE], o[COMPLETED_LATE])),
    (r"No order ended inconsistent, in either style\.",
     lambda m, c, t, o: c[INCONSISTENT] == o[INCONSISTENT] == 0),
    (r"Inconsistent \(shipped and refunded, or shipped twice\): (?P<a>\d+) in the chain, "
     r"(?P<b>\d+) with the owner\.",
     lambda m, c, t, o: (_n(m, "a"), _n(m, "b")) == (c[INCONSISTENT], o[INCONSISTENT])
     and (c[INCONSISTENT] or o[INCONSISTENT])),
    (r"Its time frame loses here: (?P<n>\d+) (?P<word>more) orders inconsistent than in the "
     r"chain\.", lambda m, c, t, o: _change(m, o[INCONSISTENT], c[INCONSISTENT])),
    (r"Here the owner has (?P<n>\d+) (?P<word>fewer) orders inconsistent than the chain\.",
     lambda m, c, t, o: _change(m, o[INCONSISTENT], c[INCONSISTENT])),
] + [(pattern, lambda m, c, t, o, claim=claim: claim(c, o)) for pattern, claim in [
    (r"So the timer wins against silence and loses where work was only slow: .*",
     lambda c, o: stuck(o) < stuck(c) and o[INCONSISTENT] > c[INCONSISTENT]),
    (r"So here the timer only wins: it caught silence and cost nothing\.",
     lambda c, o: stuck(o) < stuck(c) and o[INCONSISTENT] <= c[INCONSISTENT]),
    (r"So here the timer only costs: no order was lost in silence for it to catch\.",
     lambda c, o: stuck(c) == 0 and o[INCONSISTENT] > c[INCONSISTENT]),
    (r"So here the timer only costs\.",
     lambda c, o: stuck(o) >= stuck(c) > 0 and o[INCONSISTENT] > c[INCONSISTENT]),
    (r"So here the timer neither wins nor loses\.",
     lambda c, o: stuck(o) >= stuck(c) and o[INCONSISTENT] <= c[INCONSISTENT]),
]]


def _check(sentence: str, patterns, *counts) -> None:
    matched = [(p, claim) for p, claim in patterns if re.fullmatch(p, sentence)]
    assert matched, f"a sentence no pattern reads: {sentence!r}"
    for pattern, claim in matched:
        assert claim(re.fullmatch(pattern, sentence), *counts), (sentence, counts)


def test_the_fair_labs_prose_matches_its_counts_at_random_settings():
    rng = random.Random(24)
    seen_verdicts = set()
    for _ in range(FAIR_SETTINGS):
        day = _day(rng)
        frame = rng.choice([None, 1, 3, 5, 9, 15])
        lab = fair_lab(40, settings=day, seed=rng.randrange(1000), time_frame=frame,
                       recovery=rng.choice(RECOVERIES))
        counts = [r.counts for r in lab.results]
        for sentence in lab.findings():
            _check(sentence, FAIR, *counts)
        seen_verdicts.add(lab.findings()[-1].split(":")[0])
    print(f"\nfair lab: {FAIR_SETTINGS} random settings; verdicts seen: {sorted(seen_verdicts)}")
    assert len(seen_verdicts) >= 4  # the settings reach most branches, not one


RECOVERY = [
    (r"(?P<label>[a-z +,]+): (?P<i>\d+) inconsistent, (?P<n>\d+ (?P<word>more|fewer) than|as many as) "
     r"compensate at once; (?P<late>\d+) completed late, (?P<seen>\d+) stuck but seen, "
     r"(?P<comp>\d+) compensated\.", None),
]


def test_the_recovery_labs_prose_matches_its_counts_at_random_settings():
    rng = random.Random(2024)
    for _ in range(RECOVERY_SETTINGS):
        lab = recovery_lab(30, settings=_day(rng), seed=rng.randrange(1000),
                           time_frame=rng.choice([1, 5, 9]))
        rows = dict(lab.rows)
        base = rows["compensate at once"][INCONSISTENT]
        findings = lab.findings()
        assert len(findings) == len(rows) - 1
        for sentence in findings:
            m = re.fullmatch(RECOVERY[0][0], sentence)
            assert m, sentence
            c = rows[m.group("label")]
            assert (_n(m, "i"), _n(m, "late"), _n(m, "seen"), _n(m, "comp")) == (
                c[INCONSISTENT], c[COMPLETED_LATE], c[SEEN], c[COMPENSATED])
            if m.group("word") is None:
                assert c[INCONSISTENT] == base
            else:
                n = int(m.group("n").split()[0])
                assert n > 0 and n == abs(c[INCONSISTENT] - base)
                assert (m.group("word") == "more") == (c[INCONSISTENT] > base)


def test_the_time_frame_labs_prose_matches_its_counts_at_random_settings():
    rng = random.Random(6)
    for _ in range(TIMEOUT_SETTINGS):
        rates = {"failure_rate": rng.choice([0, 0.05, 0.3]), "slow_rate": rng.choice(
            [0, 0.1, 0.5, 1]), "silent_rate": rng.choice([0, 0.1, 0.5])}
        frame = rng.choice([1, 2.5, 5, 8, 15])
        owner = timeout_outcomes(time_frame=frame, orders=30, **rates)
        chain = timeout_outcomes(time_frame=frame, orders=30, style="choreography", **rates)
        text = timeout_text("order fulfilment", frame, rates["failure_rate"],
                            rates["slow_rate"], owner, silent=rates["silent_rate"], chain=chain)
        head, owner_line, chain_line, verdict = text.splitlines()
        numbers = [int(n) for n in re.findall(r"(\d+) (?:completed|compensated|inconsistent|"
                                              r"stuck)", owner_line)]
        assert numbers == [owner[COMPLETED], owner[COMPLETED_LATE], owner[COMPENSATED],
                           owner[INCONSISTENT], stuck(owner)]
        numbers = [int(n) for n in re.findall(r"(\d+) (?:completed|compensated|stuck)",
                                              chain_line)]
        assert numbers == [chain[COMPLETED], chain[COMPLETED_LATE], chain[COMPENSATED],
                           stuck(chain)]
        _check(verdict, FAIR[-5:], chain, None, owner)


def test_the_harness_catches_a_sentence_that_lies():
    zero = dict.fromkeys((COMPLETED, COMPLETED_LATE, COMPENSATED, INCONSISTENT, STUCK, SEEN), 0)
    chain, owner = {**zero, STUCK: 2}, {**zero, SEEN: 2}
    with pytest.raises(AssertionError):  # a true-sounding claim, false for these counts
        _check("Its time frames win here: 2 fewer orders stuck than in the chain.", FAIR,
               chain, zero, owner)
    with pytest.raises(AssertionError, match="no pattern reads"):
        _check("The owner always wins.", FAIR, chain, zero, owner)
