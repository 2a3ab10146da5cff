"""lessonlib: the helpers behind the course *Orchestration vs choreography*.

Everything a lesson calls is importable from here::

    from lessonlib import Architecture, show

Names are loaded lazily, so ``import lessonlib`` stays fast: matplotlib,
networkx, ipywidgets and SimPy are imported only when a lesson first uses
something that needs them.
"""

from __future__ import annotations

import importlib
import sys
import types

__version__ = "0.1.0"

# public name -> private module that defines it. Add a line per public name.
_EXPORTS: dict[str, str] = {
    # errors (every lesson)
    "LessonError": "lessonlib._errors",
    "LessonTypeError": "lessonlib._errors",
    "LessonWarning": "lessonlib._errors",
    # the model and its pictures (00_start_here)
    "Architecture": "lessonlib.architecture",
    "COMMAND": "lessonlib.architecture",
    "EVENT": "lessonlib.architecture",
    "draw": "lessonlib.draw",
    "describe": "lessonlib.draw",
    "show": "lessonlib.draw",
    "scenario": "lessonlib.scenarios",
    "scenarios": "lessonlib.scenarios",
    # the course as a whole: lessons, version stamp, reset (every lesson)
    "LESSONS": "lessonlib.course",
    "reset_lesson": "lessonlib.course",
    # quizzes and lasting progress (00_start_here)
    "quiz": "lessonlib.quiz",
    "load_quiz": "lessonlib.quiz",
    "grade": "lessonlib.quiz",
    "Question": "lessonlib.quiz",
    "progress": "lessonlib.progress",
    "progress_text": "lessonlib.progress",
    "reset_progress": "lessonlib.progress",
    "record": "lessonlib.progress",
    "recall": "lessonlib.progress",
    # commands and events, semantics vs transport (01_commands_and_events)
    "classification_exercise": "lessonlib.classify",
    "same_message_two_envelopes": "lessonlib.transport",
    # who depends on whom and the decision tree (02_who_depends_on_whom)
    "case": "lessonlib.decide",
    "decide": "lessonlib.decide",
    "decide_all": "lessonlib.decide",
    "decide_onboarding": "lessonlib.decide",
    "decide_own": "lessonlib.decide",
    "tally": "lessonlib.decide",
    "architecture_of": "lessonlib.decide",
    "check_onboarding_guess": "lessonlib.decide",
    "coupling_report": "lessonlib.decide",
    "both_ways": "lessonlib.decide",
    "link_mix": "lessonlib.decide",
    "reuse_comparison": "lessonlib.decide",
    "show_tree": "lessonlib.decide",
    "decision_walker": "lessonlib.decide",
    # change impact (03_the_event_chain_trap, 04_criminal_check_exercise)
    "impact": "lessonlib.impact",
    "Impact": "lessonlib.impact",
    "insert_step": "lessonlib.impact",
    "reorder": "lessonlib.impact",
    "replace_subscription_by_command": "lessonlib.impact",
    "steps_of": "lessonlib.impact",
    "where_is_the_process": "lessonlib.impact",
    "draw_impact": "lessonlib.impact",
    "describe_impact": "lessonlib.impact",
    "show_impact": "lessonlib.impact",
    # guided change, prediction and reveal (04_criminal_check_exercise)
    "draft": "lessonlib.exercise",
    "check_criminal_check": "lessonlib.exercise",
    "predict_criminal_check": "lessonlib.exercise",
    "reveal_criminal_check": "lessonlib.exercise",
    "predict": "lessonlib.prediction",
    "reveal": "lessonlib.prediction",
    # message bus, process engine, sequence diagrams (05_workflow_engines_serve_both)
    "Bus": "lessonlib.bus",
    "reject": "lessonlib.bus",
    "Workflow": "lessonlib.engine",
    "Engine": "lessonlib.engine",
    "simulate": "lessonlib.simulate",
    "failure_lab": "lessonlib.simulate",
    "timeout_lab": "lessonlib.simulate",
    "draw_sequence": "lessonlib.sequence",
    "describe_sequence": "lessonlib.sequence",
    "show_sequence": "lessonlib.sequence",
    "show_outcomes": "lessonlib.sequence",
    "outcome_table": "lessonlib.sequence",
    # commands in disguise (06_commands_in_disguise)
    "inspect_name": "lessonlib.disguise",
    "inspect_names": "lessonlib.disguise",
    "detect": "lessonlib.disguise",
    "propose_command": "lessonlib.disguise",
    "unmask": "lessonlib.disguise",
    "dependency_flip": "lessonlib.disguise",
    "costume_catalogue": "lessonlib.disguise",
    "costume_lab": "lessonlib.disguise",
    "costume_trace": "lessonlib.disguise",
    "show_flip": "lessonlib.disguise",
    # when to use which; the final check (07_check_your_understanding)
    "advise": "lessonlib.advice",
    "self_assessment": "lessonlib.advice",
    "course_page": "lessonlib.roadmap",
    "course_text": "lessonlib.roadmap",
}

__all__ = sorted(_EXPORTS)


_version_checked = False


def __getattr__(name: str):
    global _version_checked
    if not _version_checked:  # first use: do the notebooks and lessonlib belong together?
        _version_checked = True
        importlib.import_module("lessonlib.course").check_version_once()
    module = _EXPORTS.get(name)
    if module is None:
        import difflib

        close = difflib.get_close_matches(name, list(_EXPORTS), n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise AttributeError(f"lessonlib has no {name!r}.{hint}")
    imported = importlib.import_module(module)
    value = getattr(imported, name, imported)  # a name may be a whole module
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))


class _Package(types.ModuleType):
    """Keep ``lessonlib.draw`` the function when its module ``lessonlib/draw.py`` loads.

    Importing a submodule binds it as an attribute of its package, which would
    shadow a public function of the same name (``draw``, ``quiz``, ``progress``).
    The public name wins; the module stays reachable with ``from lessonlib.draw
    import ...`` (through ``sys.modules``).
    """

    def __setattr__(self, name, value):
        if (isinstance(value, types.ModuleType) and _EXPORTS.get(name) == value.__name__
                and hasattr(value, name)):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
