"""The class's results of one lesson, counted from the submissions the service stored.

Pure: the service's store (:mod:`lessonlib.classroom_web.store`) reads the rows,
and :func:`summarise` counts them activity by activity, in the order of
:mod:`lessonlib.course.activities`, so every activity of the lesson is shown,
answered or not. For each student the *first* and *latest* submission of an
activity count (the rows come oldest first). What it returns, as JSON:

- ``questions``: per quiz question, how many students picked each option (or gave
  each number, for a numeric question) first and latest, and the right ones;
- ``predictions``: per prediction, for each label, how many students predicted each
  count (or chose each answer);
- ``classifications``: per message, how many students classified it and how many
  got it right;
- ``exercises``: per part of an exercise, how many students finished it (or, for an
  exercise answered item by item, as for the classification);
- ``completion`` (with names): per student, quiz questions answered and right, and
  the other activities done.

A row stored under a lesson's id of an earlier release
(:data:`~lessonlib.course.former.FORMER_IDS`) counts for the lesson that holds its
activity today: :func:`belongs` says which rows count for a lesson.

>>> rows = [{"kind": "prediction", "item": "fraud check", "student": "ada",
...          "value": {"choreography": 2, "orchestration": 1}, "correct": None}]
>>> summary = summarise("03_the_event_chain_trap", rows, students=1, names=False)
>>> [(p["values"], p["captions"]) for p in summary["predictions"] if p["key"] == "fraud check"]
[({'choreography': {'2': 1}, 'orchestration': {'1': 1}}, {'choreography': 'event chain', 'orchestration': 'with an order service'})]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from lessonlib.course.activities import Activity, activities
from lessonlib.course.classroom.contract import LEGACY_KINDS
from lessonlib.course.concepts import CONCEPTS, FORMS, concept_of, normalized_gain
from lessonlib.course.former import former_ids, lesson_of
from lessonlib.course.lessons import LESSONS
from lessonlib.course.quiz import right_number

__all__ = ["summarise", "SECTIONS", "belongs", "stored_under", "concept_gain"]

# (first, latest) value of one activity per student who sent it
Sent = dict[str, tuple[object, object]]


def _strings(value: object) -> list[str]:
    """The options (or number) of a stored quiz answer; nothing for a value of another form."""
    return [str(v) for v in value] if isinstance(value, list) else []


def _mapping(value: object) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def _question(a: Activity, sent: Sent) -> dict:
    q = a.question
    if a.shape == "numeric":
        right = right_number(q) if q is not None else None
        correct = [] if right is None else [str(right)]
    else:
        correct = [o for o in a.options if q is not None and q.is_right(o)]
    first = Counter(o for value, _ in sent.values() for o in _strings(value))
    latest = Counter(o for _, value in sent.values() for o in _strings(value))
    return {"id": a.key, "prompt": a.prompt, "kind": a.shape, "shape": a.shape,
            "options": list(a.options),
            "correct": correct, "answered": len(sent), "first": dict(first),
            "latest": dict(latest)}


def _per_label(a: Activity, sent: Sent) -> dict:
    values = {label: Counter() for label in a.labels}
    for _, value in sent.values():  # a row an earlier release stored: read with today's labels
        for label, given in _mapping(a.relabelled(value)).items():
            if label in values:
                values[label][str(given)] += 1
    found = {"key": a.key, "title": a.title, "shape": a.shape, "labels": list(a.labels),
             "captions": {label: a.caption(label) for label in a.labels},
             "answered": len(sent), "values": {label: dict(c) for label, c in values.items()}}
    if a.shape == "choices":
        found["choices"] = {label: list(a.choices_of(label)) for label in a.labels}
    return found


def _per_item(a: Activity, sent: Sent) -> dict:
    right = dict(a.right)
    answered, got = Counter(), Counter()
    for _, value in sent.values():
        for item, answer in _mapping(value).items():
            if item in right:
                answered[item] += 1
                got[item] += answer == right[item]
    return {"key": a.key, "title": a.title, "shape": a.shape, "answered": len(sent),
            "items": [{"item": item, "answered": answered[item], "right": got[item]}
                      for item in a.labels]}


def _done(a: Activity, sent: Sent) -> dict:
    return {"key": a.key, "title": a.title, "shape": a.shape,
            "done": sum(value is True for _, value in sent.values())}


#: Where each kind of activity is listed in the results, and how each shape is counted. The
#: concept check's items are counted like quiz questions; the class's gain over both forms
#: is :func:`concept_gain`'s.
SECTIONS = {"quiz": "questions", "prediction": "predictions",
            "classification": "classifications", "exercise": "exercises",
            "concept check": "concept_check"}
_COUNT = {"single": _question, "multiple": _question, "numeric": _question,
          "counts": _per_label, "choices": _per_label, "per item": _per_item, "done": _done}


def stored_under(lesson: str) -> tuple[str, ...]:
    """The lesson ids a store holds ``lesson``'s rows under: its own, then its earlier ones.

    >>> stored_under("07_commands_in_disguise")
    ('07_commands_in_disguise', '06_commands_in_disguise')
    """
    return (lesson, *former_ids(lesson))


def belongs(lesson: str, row: Mapping) -> bool:
    """Whether a stored ``row`` (its ``lesson`` and ``item``) counts for ``lesson`` today; a
    row without a lesson is taken as the lesson's own.

    >>> belongs("06_sagas_that_earn_their_timers",
    ...         {"lesson": "05_workflow_engines_serve_both", "item": "inconsistent"})
    True
    >>> belongs("05_track_then_manage",
    ...         {"lesson": "05_workflow_engines_serve_both", "item": "inconsistent"})
    False
    """
    stored = row.get("lesson", lesson)
    return stored == lesson or (stored in former_ids(lesson)
                                and lesson_of(stored, row["item"]) == lesson)


def summarise(lesson: str, rows: Iterable[Mapping], *, students: int, names: bool) -> dict:
    """Count ``rows`` (the lesson's submissions, oldest first: ``kind``, ``item``,
    ``student``, ``value`` and ``correct`` each) per activity of ``lesson``.

    ``students`` is how many students the service has heard from; with ``names``,
    the result says what each student did (``completion``). Rows stored under an earlier
    id of the lesson count if their activity is the lesson's today (:func:`belongs`).
    """
    first: dict[tuple[str, str, str], Mapping] = {}
    latest: dict[tuple[str, str, str], Mapping] = {}
    for row in rows:
        if not belongs(lesson, row):
            continue
        kind = LEGACY_KINDS.get(row["kind"], row["kind"])
        mark = (kind, row["item"], row["student"])
        first.setdefault(mark, row)
        latest[mark] = row
    sent: dict[tuple[str, str], Sent] = defaultdict(dict)
    for (kind, item, student), row in latest.items():
        sent[kind, item][student] = (first[kind, item, student]["value"], row["value"])
    result: dict = {"lesson": lesson, "title": LESSONS.get(lesson, lesson),
                    "students": students, **{name: [] for name in SECTIONS.values()}}
    for a in activities(lesson):
        result[SECTIONS[a.kind]].append(_COUNT[a.shape](a, sent.get((a.kind, a.key), {})))
    if names:
        result["completion"] = _completion(lesson, latest)
    return result


def _completion(lesson: str, latest: Mapping[tuple[str, str, str], Mapping]) -> list[dict]:
    known = {(a.kind, a.key) for a in activities(lesson)}
    per_student: dict[str, dict] = defaultdict(lambda: {"answered": 0, "right": 0, "done": 0})
    for (kind, item, student), row in latest.items():
        if (kind, item) not in known:
            continue  # an activity the lesson no longer has
        if kind == "quiz":
            per_student[student]["answered"] += 1
            per_student[student]["right"] += bool(row["correct"])
        elif kind == "concept check":
            continue  # a measure, not a step: concept_gain() shows it
        elif row["value"] is not False:
            per_student[student]["done"] += 1
    return [{"student": s, **v} for s, v in sorted(per_student.items())]


# --------------------------------------------------------------------------- the concept check


def _form_scores(rows: Iterable[Mapping]) -> dict[str, dict[str, dict[str, int]]]:
    """Per form, per student who answered every item of it: right answers per concept,
    graded by the service (``correct``), from each student's *first* answer to each item."""
    first: dict[tuple[str, str, str], Mapping] = {}
    for row in rows:
        if row["kind"] == "concept check":
            first.setdefault((row["lesson"], row["item"], row["student"]), row)
    scores: dict[str, dict[str, dict[str, int]]] = {}
    for form, lesson in FORMS.items():
        items = [a.key for a in activities(lesson, "concept check")]
        students = {student for (les, _item, student) in first if les == lesson}
        scores[form] = {}
        for student in sorted(students):
            answered = [first.get((lesson, item, student)) for item in items]
            if any(r is None for r in answered):
                continue  # a form not handed in whole
            per = Counter()
            for item, r in zip(items, answered, strict=True):
                per[concept_of(item)] += bool(r["correct"])
            scores[form][student] = dict(per)
    return scores


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def concept_gain(rows: Iterable[Mapping], *, names: bool) -> dict:
    """The class's concept check, counted from its rows (``kind`` "concept check", from both
    lessons; each with ``lesson``, ``item``, ``student`` and the service's ``correct``).

    Per form: how many students handed it in whole, how many got each score (the
    distribution), and the mean. For the students who handed in both: the class's average
    normalized gain, ``(mean post - mean pre) / (most - mean pre)`` (Hake's, from the class's
    means), the mean of the students' own gains, and the same per concept. With ``names``,
    each student's scores.

    >>> concept_gain([], names=False)["both"]
    0
    """
    scores = _form_scores(list(rows))
    per_concept = Counter(_concepts_of_items())
    most = sum(per_concept.values())
    found: dict = {"concepts": [{"key": c, "title": t, "items": per_concept[c]}
                                for c, t in CONCEPTS.items()],
                   "most": most, "forms": {}}
    for form in FORMS:
        totals = [sum(s.values()) for s in scores[form].values()]
        found["forms"][form] = {"students": len(totals),
                                "distribution": dict(sorted(Counter(totals).items())),
                                "mean": _mean(totals)}
    both = sorted(set(scores["pre"]) & set(scores["post"]))
    found["both"] = len(both)
    pre = _mean([sum(scores["pre"][s].values()) for s in both])
    post = _mean([sum(scores["post"][s].values()) for s in both])
    found["gain"] = None if not both else normalized_gain(pre, post, most)
    own = [g for s in both if (g := normalized_gain(sum(scores["pre"][s].values()),
                                                    sum(scores["post"][s].values()), most))
           is not None]
    found["mean_of_gains"] = _mean(own)
    found["per_concept"] = {
        c: (None if not both else normalized_gain(
            _mean([scores["pre"][s].get(c, 0) for s in both]),
            _mean([scores["post"][s].get(c, 0) for s in both]), per_concept[c]))
        for c in CONCEPTS}
    if names:
        found["students"] = [{"student": s, **{form: (sum(scores[form][s].values())
                                                      if s in scores[form] else None)
                                               for form in FORMS}}
                             for s in sorted(set(scores["pre"]) | set(scores["post"]))]
    return found


def _concepts_of_items() -> list[str]:
    return [concept_of(a.key) for a in activities(FORMS["pre"], "concept check")]
