"""lessonlib's public surface: small, explicit and cheap to import."""

import subprocess
import sys

import lessonlib


def test_every_public_name_resolves():
    for name in lessonlib.__all__:
        assert getattr(lessonlib, name) is not None, name


def test_function_wins_over_its_module_of_the_same_name():
    import lessonlib.draw  # noqa: F401  (binds the submodule on the package)
    from lessonlib import draw

    assert callable(draw) and draw.__name__ == "draw"


def test_import_is_lean():
    code = ("import sys, lessonlib; heavy = {'matplotlib', 'networkx', 'ipywidgets', 'simpy'}; "
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
