"""The class's results of a lesson as HTML: the instructor's view, in a notebook and on the
classroom service's own page alike.

It shows every activity of the lesson (the results come from
:func:`lessonlib.course.classroom.results.summarise`): per quiz question the
first and latest answers as counts and bars (for a numeric question, each
number given), per prediction what was predicted for each label, per message of
the classification the share of the class that got it right, per part of an
exercise how many finished it, and, with names, each student's completion.
Everything from the service is escaped, as a student could have typed it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from lessonlib.cards.markup import markup

__all__ = ["results_html", "concept_gain_html", "BAR_PX"]

#: Pixels of the longest bar (every student of those who answered picked it).
BAR_PX = 240


def _bar(label: str, count: int, total: int, css: str) -> str:
    width = 0 if total <= 0 else round(BAR_PX * count / total)
    return (f'<span class="lessonlib-bar-label">{label}</span>'
            f'<span class="lessonlib-bar {css}" style="width: {width}px"></span>'
            f'<span class="lessonlib-count">{count}</span>')


def _share(count: int, total: int) -> str:
    return f"{count} of {total} ({round(100 * count / total) if total else 0}%)"


def _number(text: object) -> tuple[int, str]:
    text = str(text)
    return (int(text), text) if text.isdigit() else (10**9, text)


_STYLE = """<style>
.lessonlib-results table { border-collapse: collapse; margin: 4px 0 16px 0; }
.lessonlib-results td, .lessonlib-results th { padding: 3px 12px 3px 0; text-align: left;
  vertical-align: middle; }
.lessonlib-results .lessonlib-bars { white-space: nowrap; min-width: 340px; }
.lessonlib-bar-label { display: inline-block; width: 3.5em; font-size: 85%; }
.lessonlib-bar { display: inline-block; height: 12px; vertical-align: middle; }
.lessonlib-first { background: #9ecae1; }
.lessonlib-latest { background: #08519c; }
.lessonlib-count { display: inline-block; min-width: 2.5em; padding-left: 6px; }
</style>"""


def _question(number: int, q: Mapping, students: int, reveal: bool) -> str:
    correct = {str(c) for c in q.get("correct", [])}
    answered = int(q.get("answered", 0))
    first, latest = q.get("first", {}), q.get("latest", {})
    numeric = q.get("kind") == "numeric"
    # A numeric question has no options: its rows are the numbers the class gave.
    shown = (sorted(set(first) | set(latest), key=_number) if numeric
             else q.get("options", []))
    rows = []
    for option in shown:
        mark = " ✓" if reveal and str(option) in correct else ""
        rows.append(
            f"<tr><td>{markup(option)}{mark}</td><td class='lessonlib-bars'>"
            f"{_bar('first', int(first.get(option, 0)), answered, 'lessonlib-first')}<br>"
            f"{_bar('now', int(latest.get(option, 0)), answered, 'lessonlib-latest')}"
            "</td></tr>")
    if numeric and not rows:
        rows.append("<tr><td colspan='2'>No number given yet.</td></tr>")
    head = "Number given" if numeric else "Option"
    return (f'<div class="lessonlib-result-question lessonlib-result-'
            f'{html.escape(str(q.get("id", "")))}">'
            f"<p><strong>{number}. {markup(q.get('prompt', ''))}</strong><br>"
            f"Answered: {_share(answered, students)}</p>"
            f"<table><tr><th>{head}</th><th>Students</th></tr>{''.join(rows)}</table></div>")


def _prediction(p: Mapping, students: int) -> str:
    esc = html.escape
    choices = p.get("choices")
    captions = p.get("captions", {})
    rows = []
    for label in p.get("labels", []):
        given = p.get("values", {}).get(label, {})
        if choices is not None:  # every answer offered, chosen or not
            cells = "<br>".join(f"{esc(str(c))}: {int(given.get(c, 0))}"
                                for c in choices.get(label, []))
        else:
            cells = ", ".join(f"{esc(str(v))}: {int(n)}"
                              for v, n in sorted(given.items(), key=lambda kv: _number(kv[0])))
        rows.append(f"<tr><td>{esc(str(captions.get(label, label)))}</td><td>{cells or '-'}"
                    "</td></tr>")
    what = "answer: number of students" if choices is not None else ("predicted count: "
                                                                      "number of students")
    return (f'<div class="lessonlib-result-prediction">'
            f"<p><strong>Prediction: {esc(str(p.get('title') or p.get('key', '')))}</strong> "
            f"(saved by {_share(int(p.get('answered', 0)), students)}); {what}</p>"
            f"<table>{''.join(rows)}</table></div>")


def _per_item(c: Mapping, students: int) -> str:
    """Answers item by item (the classification): per item, the share right."""
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(str(i.get('item', '')))}</td><td>{int(i.get('answered', 0))}</td>"
        f"<td>{_share(int(i.get('right', 0)), int(i.get('answered', 0)))}</td></tr>"
        for i in c.get("items", []))
    return (f'<div class="lessonlib-result-items">'
            f"<p><strong>{esc(str(c.get('title') or c.get('key', '')))}</strong> (sent by "
            f"{_share(int(c.get('answered', 0)), students)}); per item, the share right "
            f"of those who answered it</p><table><tr><th>Item</th><th>Answered</th>"
            f"<th>Right</th></tr>{rows}</table></div>")


def _done(parts: list, students: int) -> str:
    """Parts of exercises, each done or not: how many students finished each."""
    rows = "".join(f"<tr><td>{html.escape(str(e.get('title') or e.get('key', '')))}</td>"
                   f"<td>{_share(int(e.get('done', 0)), students)}</td></tr>"
                   for e in parts)
    return ('<div class="lessonlib-result-exercises"><p><strong>Exercises</strong></p>'
            f"<table><tr><th>Part</th><th>Finished by</th></tr>{rows}</table></div>")


def _completion(results: Mapping) -> str:
    esc = html.escape
    questions = len(results.get("questions", []))
    others = sum(len(results.get(k, [])) for k in ("predictions", "classifications",
                                                    "exercises"))
    rows = "".join(f"<tr><td>{esc(str(s.get('student', '')))}</td>"
                   f"<td>{int(s.get('answered', 0))} of {questions}</td>"
                   f"<td>{int(s.get('right', 0))}</td>"
                   f"<td>{int(s.get('done', 0))} of {others}</td></tr>"
                   for s in results.get("completion", []))
    return ("<p><strong>Per student</strong> (latest answers)</p><table>"
            "<tr><th>Student</th><th>Answered</th><th>Right</th>"
            f"<th>Predictions and exercises</th></tr>{rows}</table>")


def _shape(entry: Mapping) -> str:
    """The shape of an entry (a part of an exercise, done or not, before shapes were sent)."""
    return str(entry.get("shape", "done" if "done" in entry else "per item"))


def results_html(results: Mapping, *, reveal: bool = False) -> str:
    """The results of one lesson as HTML: every activity, then (only when the results
    carry names) each student's completion. ``reveal`` marks the right answers.

    >>> page = results_html({"lesson": "00_start_here", "title": "<b>Quiz</b>", "students": 2,
    ...     "questions": [{"id": "q", "prompt": "Pick", "options": ["a", "b"], "correct": ["a"],
    ...                    "answered": 1, "first": {"b": 1}, "latest": {"a": 1}}],
    ...     "predictions": [], "completion": [{"student": "<ada>", "answered": 1, "right": 1}]})
    >>> "&lt;b&gt;Quiz&lt;/b&gt;" in page and "&lt;ada&gt;" in page and "<ada>" not in page
    True
    """
    students = int(results.get("students", 0))
    parts = [_STYLE, '<div class="lessonlib-results">',
             f"<h3>{markup(results.get('lesson', ''))}: {markup(results.get('title', ''))}</h3>",
             f"<p>{students} student(s) have sent answers since the last reset. Per option: "
             "how many students picked it first, and how many pick it now (their latest "
             "answer).</p>"]
    parts += [_question(n, q, students, reveal)
              for n, q in enumerate(results.get("questions", []), 1)]
    if results.get("concept_check"):
        parts.append("<h4>Concept check</h4><p>Each student's first answers count (the "
                     "class's gain over both forms is on the service's concept check "
                     "page).</p>")
        parts += [_question(n, q, students, reveal)
                  for n, q in enumerate(results["concept_check"], 1)]
    parts += [_prediction(p, students) for p in results.get("predictions", [])]
    others = results.get("classifications", []) + results.get("exercises", [])
    parts += [_per_item(c, students) for c in others if _shape(c) == "per item"]
    done = [e for e in others if _shape(e) == "done"]
    if done:
        parts.append(_done(done, students))
    if results.get("completion") is not None:
        parts.append(_completion(results))
    parts.append("</div>")
    return "".join(parts)


# --------------------------------------------------------------------------- the concept check


def _gain(value: object) -> str:
    return "-" if value is None else f"{float(value):+.0%}"


def _distribution(form: str, data: Mapping, most: int) -> str:
    """A form's scores as rows of bars: how many students got each score."""
    given = {int(k): int(v) for k, v in dict(data.get("distribution", {})).items()}
    handed = int(data.get("students", 0))
    mean = data.get("mean")
    rows = "".join(
        f"<tr><td>{score} of {most}</td><td class='lessonlib-bars'>"
        f"{_bar(form, given.get(score, 0), handed, 'lessonlib-' + ('first' if form == 'pre' else 'latest'))}"
        "</td></tr>" for score in range(most + 1))
    said = "" if mean is None else f"; mean {float(mean):.1f} of {most}"
    return (f'<div class="lessonlib-gain-{form}"><p><strong>{"Before lesson 01" if form == "pre" else "After the capstone"}</strong> '
            f"({handed} student(s) handed it in{said})</p>"
            f"<table><tr><th>Score</th><th>Students</th></tr>{rows}</table></div>")


def concept_gain_html(summary: Mapping) -> str:
    """The class's concept check as HTML: the pre and post distributions, the average
    normalized gain (overall and per concept) and, with names, each student's scores.

    ``summary`` is :func:`lessonlib.course.classroom.results.concept_gain`'s.

    >>> page = concept_gain_html({"concepts": [], "most": 2, "forms": {}, "both": 0,
    ...     "gain": None, "mean_of_gains": None, "per_concept": {},
    ...     "students": [{"student": "<ada>", "pre": 1, "post": None}]})
    >>> "&lt;ada&gt;" in page and "<ada>" not in page
    True
    """
    esc = html.escape
    most = int(summary.get("most", 0))
    forms = dict(summary.get("forms", {}))
    parts = [_STYLE, '<div class="lessonlib-results lessonlib-gain">',
             "<h3>Concept check: before lesson 01 and after the capstone</h3>",
             f"<p>{int(summary.get('both', 0))} student(s) handed in both forms. Average "
             f"normalized gain <strong class='lessonlib-class-gain'>"
             f"{_gain(summary.get('gain'))}</strong> (from the class's means: (post - pre) / "
             f"(most - pre)); the mean of the students' own gains is "
             f"{_gain(summary.get('mean_of_gains'))}.</p>"]
    parts += [_distribution(form, forms[form], most) for form in ("pre", "post")
              if form in forms]
    rows = "".join(f"<tr><td>{esc(str(c.get('title', c.get('key', ''))))}</td>"
                   f"<td>{_gain(dict(summary.get('per_concept', {})).get(c.get('key')))}</td></tr>"
                   for c in summary.get("concepts", []))
    if rows:
        parts.append("<p><strong>Per concept</strong> (average normalized gain)</p><table>"
                     f"<tr><th>Concept</th><th>Gain</th></tr>{rows}</table>")
    if summary.get("students") is not None:
        cells = "".join(
            f"<tr><td>{esc(str(s.get('student', '')))}</td>"
            + "".join(f"<td>{'-' if s.get(f) is None else int(s.get(f))}</td>"
                      for f in ("pre", "post")) + "</tr>"
            for s in summary["students"])
        parts.append("<p><strong>Per student</strong> (right answers)</p><table><tr>"
                     f"<th>Student</th><th>Before</th><th>After</th></tr>{cells}</table>")
    parts.append("</div>")
    return "".join(parts)
