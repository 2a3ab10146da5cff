"""Lesson 04 says why its counts are equal exactly as the models show it (issue 24, item 1).

Every sentence that explains the criminal-check result (the reveal, the key points, quiz 04's
feedback, the advice that points to lesson 04, the docs and notes about it) is read for claims
of the forms "A depends on B", "A depends on no other service", "A subscribes to M" and "A
sends M", each in the style its clause names ("in both styles", "in the choreography", "with
orchestration"). Each claim is checked against ``coupling_report`` of the two finished models
(the model answers of the exercise). The sentences the review found wrong ("the dependency
points the other way", "choreography moves the coupling to the receiver") are refused outright.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lessonlib import coupling_report
from lessonlib.course.activities import CRIMINAL_CHECK, activity
from lessonlib.course.advice import advise
from lessonlib.course.exercise import criminal_check_solution
from lessonlib.course.explanations import CRIMINAL_CHECK_EXPLANATION
from lessonlib.course.quiz import load_quiz

ROOT = Path(__file__).resolve().parents[2]
STYLES = ("choreography", "orchestration")
WRONG = ("points the other way", "other way round", "moves the coupling", "moved to the receiver",
         "direction of the coupling", "coupling to the receiver", "arrow turns")
#: How the texts name the services of the onboarding.
NAMES = {"onboarding": "Onboarding", "the onboarding service": "Onboarding",
         "the deciding service": "Onboarding", "the service that decides": "Onboarding",
         "the criminal check": "Criminal check", "the new check": "Criminal check",
         "the check": "Criminal check", "the website": "Website", "website": "Website",
         "it": None}
SERVICE = "|".join(sorted((re.escape(n) for n in NAMES), key=len, reverse=True))
CLAIM = re.compile(rf"\b({SERVICE}) (depends on no other service|depends on (?:the )?(\w+(?: check)?)"
                   rf"|subscribes to (\w+)|sends (\w+))", re.IGNORECASE)


def finished() -> dict[str, object]:
    return {style: criminal_check_solution(style).model for style in STYLES}


def _facts(model) -> dict[str, set]:
    """What the model says, read from its coupling report: (dependent, depends on) pairs."""
    pairs = set()
    for line in coupling_report(model).splitlines():
        found = re.match(r"- (.+?) depends on (.+?) \(", line)
        if found:
            pairs.add(found.groups())
    return {"depends": pairs}


def _styles_of(clause: str, inherited: tuple[str, ...]) -> tuple[str, ...]:
    text = clause.lower()
    if "both styles" in text or "either way" in text or "in both" in text:
        return STYLES
    named = tuple(s for s in STYLES if s[:8] in text or (s == "orchestration" and
                                                          "commanded" in text))
    return named or inherited


def claims(text: str) -> list[tuple[tuple[str, ...], str, str, str | None]]:
    """(styles, subject, verb, object) for each claim in ``text``."""
    found = []
    plain = re.sub(r"[*`\"]", "", text)
    plain = re.sub(r"\n(?![-|\n])\s*", " ", plain)  # a wrapped line goes on its sentence
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", plain):
        styles: tuple[str, ...] = STYLES
        subject = None
        for clause in re.split(r";|: ", sentence):
            styles = _styles_of(clause, styles)
            for match in CLAIM.finditer(clause):
                name = NAMES[match.group(1).lower()]
                subject = name or subject
                if subject is None:
                    continue
                verb = match.group(2).split()[0]
                if match.group(2).startswith("depends on no"):
                    found.append((styles, subject, "depends on nothing", None))
                elif verb == "depends":
                    other = NAMES.get(f"the {match.group(3).lower()}", match.group(3))
                    found.append((styles, subject, "depends on", other))
                else:
                    found.append((styles, subject, verb, match.group(4) or match.group(5)))
    return found


def wrong_claims(text: str, models=None) -> list[str]:
    """The claims in ``text`` the finished models contradict, as sentences."""
    models = models or finished()
    wrong = []
    for styles, subject, verb, obj in claims(text):
        for style in styles:
            model, facts = models[style], _facts(models[style])
            holds = {"depends on": (subject, obj) in facts["depends"],
                     "depends on nothing": not any(a == subject for a, _ in facts["depends"]),
                     "subscribes": obj in model.subscriptions(subject),
                     "sends": obj in model.sends(subject)}[verb]
            if not holds:
                wrong.append(f"{style}: {subject} {verb} {obj or ''}".strip())
    return wrong


def _notebook_cell(lesson: str, start: str) -> str:
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    return next("".join(c["source"]) for c in nb["cells"]
                if "".join(c["source"]).startswith(start))


def _quiz_texts() -> list[str]:
    quiz = load_quiz("04_criminal_check_exercise")
    texts = []
    for q in quiz:
        texts += [*getattr(q, "feedback", ()), q.explanation, *q.hints]
        texts += [t for _, t in getattr(q, "number_feedback", ())]
    return texts


def _explanations() -> dict[str, str]:
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return {
        "the reveal": CRIMINAL_CHECK_EXPLANATION,
        "the beliefs the reveal names": "\n".join(
            text for _, table in activity(*CRIMINAL_CHECK).feedback for _, text in table),
        "lesson 04's key points": _notebook_cell("04_criminal_check_exercise", "## Key points"),
        "quiz 04": "\n".join(_quiz_texts()),
        "the advice on 'decoupled'": str(advise(owner="sender", reactors="several",
                                                flow="single", reason="decoupled")),
        "the instructor notes": (ROOT / "instructor" / "04_criminal_check_exercise.md")
        .read_text(encoding="utf-8").split("## solution")[0],
        "the guide": guide.split("### 04 ")[1].split("### 05 ")[0],
        "the README": next(line for line in readme.splitlines() if line.startswith("| 04 |")),
        "lesson 08's reminder": _notebook_cell("08_check_your_understanding", "## When to reach"),
    }


@pytest.mark.parametrize("where", list(_explanations()))
def test_no_explanation_says_what_the_models_refute(where):
    text = _explanations()[where]
    assert not [w for w in WRONG if w in text.lower()], where
    assert wrong_claims(text) == [], where


def test_the_reveal_states_the_models_difference_and_what_both_share():
    found = claims(CRIMINAL_CHECK_EXPLANATION)
    shared = [c for c in found if c[1:] == ("Onboarding", "depends on", "Criminal check")]
    assert shared and shared[0][0] == STYLES
    assert (("choreography",), "Criminal check", "depends on", "Website") in found
    assert (("orchestration",), "Criminal check", "depends on nothing", None) in found
    assert (("choreography",), "Criminal check", "subscribes", "RegistrationRequested") in found
    assert len(found) >= 6


def test_the_models_behind_it_say_so():
    models = finished()
    choreo, orch = (_facts(models[s])["depends"] for s in STYLES)
    assert ("Onboarding", "Criminal check") in choreo & orch
    assert ("Criminal check", "Website") in choreo - orch
    assert not any(a == "Criminal check" for a, _ in orch)


@pytest.mark.parametrize("sentence", [
    "With orchestration the criminal check depends on the Website.",
    "In the choreography Onboarding depends on no other service.",
    "In both styles the criminal check subscribes to RegistrationRequested.",
    "With orchestration Onboarding subscribes to CriminalChecked.",
])
def test_the_checker_catches_a_wrong_claim(sentence):
    assert wrong_claims(sentence)
