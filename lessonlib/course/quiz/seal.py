"""Authoring: seal a quiz file so no answer reads in plain text, and show it to an instructor.

``python -m lessonlib quiz seal <file>`` and ``quiz show <file>`` call
:func:`seal` and :func:`describe`; the sealed form is described in
:mod:`lessonlib.course.quiz.format`.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from lessonlib.course.quiz.format import MAX_COUNT, OTHER, Question, encode, feedback_key
from lessonlib.course.quiz.load import Quiz, build_quiz, read_quiz_file

__all__ = ["seal", "describe", "right_number", "model_answer"]


def seal(path: str | os.PathLike) -> int:
    """Rewrite a quiz file in sealed form, in place; return the number of questions.

    Checks the file first; keeps its salt, or makes one. Sealing twice changes nothing.
    """
    path = Path(path)
    doc = read_quiz_file(path)
    if isinstance(doc, dict) and "salt" not in doc:
        doc = {"lesson": doc.get("lesson", path.stem), "title": doc.get("title", ""),
               "salt": secrets.token_hex(8), **doc}
    qz = build_quiz(doc, lesson=path.stem, source=str(path))
    out: dict[str, object] = {}
    if isinstance(doc, dict) and "$schema" in doc:
        out["$schema"] = doc["$schema"]
    out.update({"lesson": qz.lesson, "title": qz.title, "salt": qz.salt, "questions": []})
    for q in qz.questions:
        entry: dict[str, object] = {"id": q.id, "kind": q.kind, "prompt": q.prompt}
        if q.application:
            entry["application"] = True
        if q.model:
            entry["model"] = q.model
        if q.kind == "numeric":
            entry["correct_sha256"] = sorted(q.correct_sha256)
            entry["feedback"] = {key: encode(t) for key, t in sorted(q.number_feedback)}
            entry["feedback"][OTHER] = encode(q.other_feedback)
        else:
            entry["options"] = list(q.options)
            entry["correct_sha256"] = sorted(q.correct_sha256)
            entry["feedback"] = {o: encode(t)
                                 for o, t in zip(q.options, q.feedback, strict=True)}
        entry["explanation"] = encode(q.explanation)
        if q.hints:
            entry["hints"] = [encode(h) for h in q.hints]
        out["questions"].append(entry)
    text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return len(qz)


def right_number(question: Question) -> int | None:
    """The right answer of a numeric question (found by hashing 0 to 99), else None."""
    if question.kind != "numeric":
        return None
    return next((n for n in range(MAX_COUNT + 1) if question.is_right(n)), None)


def describe(qz: Quiz) -> str:
    """The whole quiz as text for an instructor, answers included."""
    lines = [f"Quiz {qz.lesson!r}" + (f": {qz.title}" if qz.title else "")]
    for n, q in enumerate(qz.questions, 1):
        kind = "numeric" if q.kind == "numeric" else f"{q.kind}-choice"
        kind += ", application" if q.application else ""
        lines += ["", f"{n}. [{q.id}, {kind}] {q.prompt}"]
        if q.kind == "numeric":
            keys = dict(q.number_feedback)
            answer = right_number(q)
            model = f" (computed by the model {q.model!r}: {model_answer(q)})" if q.model else ""
            lines.append(f"   answer: {answer}{model}")
            for number in range(MAX_COUNT + 1):
                key = feedback_key(q.salt, q.id, number)
                if key in keys:
                    lines.append(f"   {number}: {keys[key]}")
            lines.append(f"   any other number: {q.other_feedback}")
        for o, text in zip(q.options, q.feedback, strict=True):
            mark = "[x]" if q.is_right(o) else "[ ]"
            lines.append(f"   {mark} {o}\n         feedback: {text}")
        lines.append(f"   explanation: {q.explanation}")
        lines += [f"   hint {i}: {h}" for i, h in enumerate(q.hints, 1)]
    return "\n".join(lines)


def model_answer(question: Question) -> int | None:
    """The number a numeric question's model computes (None if it has no model).

    >>> from lessonlib.course.quiz import load_quiz
    >>> q = load_quiz("03_the_event_chain_trap").question("drop-the-warehouse")
    >>> model_answer(q) is not None and q.is_right(model_answer(q))
    True
    """
    if not question.model:
        return None
    from lessonlib.course import quizmodels

    return quizmodels.compute(question.model)

