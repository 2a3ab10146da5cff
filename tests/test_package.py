"""lessonlib's public surface: small, explicit, layered, and cheap to import."""

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import lessonlib

PACKAGE = Path(lessonlib.__file__).resolve().parent
DOMAIN_FORBIDDEN = ("matplotlib", "ipywidgets", "lessonlib.pictures", "lessonlib.widgets",
                    "lessonlib.cards")


def test_every_public_name_resolves():
    for name in lessonlib.__all__:
        assert getattr(lessonlib, name) is not None, name


def test_a_public_name_is_never_shadowed_by_a_module_of_the_same_name():
    # Importing a submodule binds it on its package; no module at the top shares a
    # public name, so `lessonlib.draw` is the function whatever was imported before.
    modules = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir()
                                                        if (p / "__init__.py").exists()}
    clashes = sorted(modules & set(lessonlib.__all__) - {"scenarios", "simulate", "trip_booking"})
    assert clashes == []
    importlib.import_module("lessonlib.pictures.architecture")
    from lessonlib import draw

    assert callable(draw) and draw.__name__ == "draw"


def test_a_typo_in_a_public_name_gets_a_suggestion():
    try:
        lessonlib.show_tre  # noqa: B018
    except AttributeError as error:
        assert "Did you mean 'show_tree'" in str(error)
    else:
        raise AssertionError("lessonlib.show_tre resolved")


def test_import_loads_no_drawing_library():
    code = ("import sys, lessonlib; print(sorted(m for m in ('matplotlib', 'networkx') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- the layers


def _modules() -> dict[str, Path]:
    """Every module of lessonlib by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function, by dotted name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}  # a submodule, maybe
    return found


#: The layers below the front door, each a folder of lessonlib; the rest is the domain.
LAYERS = ("pictures", "widgets", "course", "cards", "classroom_web", "service")


def _layer(name: str) -> str:
    parts = name.split(".")
    if len(parts) == 1 or parts[1] in ("__init__", "__main__"):
        return "front door"
    if parts[1] in LAYERS:
        return parts[1]
    return "domain"


def _view_imports(modules: dict[str, Path]) -> list[str]:
    """The domain and course/ import no view: no matplotlib, ipywidgets, IPython, pictures/,
    widgets/ or cards/."""
    offences = []
    for name, path in modules.items():
        if _layer(name) not in ("domain", "course"):
            continue
        for imported in _imports(name, path):
            if imported.startswith(DOMAIN_FORBIDDEN) or imported.split(".")[0] == "IPython":
                offences.append(f"{name} imports {imported}")
    return offences


def _course_imports(modules: dict[str, Path]) -> list[str]:
    """The domain imports nothing of course/: how the course runs sits on top of the model."""
    return [f"{name} imports {imported}" for name, path in modules.items()
            if _layer(name) == "domain" for imported in _imports(name, path)
            if imported == "lessonlib.course" or imported.startswith("lessonlib.course.")]


#: An HTML element in a string: "<p>", '<img class="', "</div>", "<br>".
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?=[\s>/])")


def _html_built(name: str, path: Path) -> list[str]:
    """Where ``path`` builds HTML: an import of the ``html`` module or of cards/markup, or a
    string (docstrings aside) holding an HTML tag."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    found = [f"{name} imports {imported}" for imported in _imports(name, path)
             if imported == "html" or imported.startswith("lessonlib.cards.markup")]
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and _HTML_TAG.search(node.value)):
            found.append(f"{name}, line {node.lineno}: {node.value[:40]!r}")
    return found


def test_the_domain_imports_no_view_not_even_inside_a_function():
    assert _view_imports(_modules()) == []


def test_the_domain_imports_nothing_of_the_course():
    assert _course_imports(_modules()) == []


def test_pictures_never_import_widgets():
    offences = [f"{name} imports {imported}" for name, path in _modules().items()
                if _layer(name) == "pictures" for imported in _imports(name, path)
                if imported.startswith(("ipywidgets", "lessonlib.widgets"))]
    assert offences == []


def test_pictures_build_no_html():
    # pictures/ is matplotlib only; an image reaches the notebook as HTML through cards/.
    offences = [o for name, path in _modules().items() if _layer(name) == "pictures"
                for o in _html_built(name, path)]
    assert offences == []


def test_cards_never_import_widgets():
    offences = [f"{name} imports {imported}" for name, path in _modules().items()
                if _layer(name) == "cards" for imported in _imports(name, path)
                if imported.startswith(("ipywidgets", "lessonlib.widgets"))]
    assert offences == []


def test_lessonlib_has_no_import_cycles():
    import networkx as nx

    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        if _layer(name) == "front door":
            continue  # the package's __init__ imports everything, by design
        graph.add_node(name)
        for imported in _imports(name, path):
            if imported in modules and _layer(imported) != "front door":
                graph.add_edge(name, imported)
    cycles = list(nx.simple_cycles(graph))
    assert cycles == [], cycles


def test_the_layer_test_sees_a_domain_module_importing_a_view(tmp_path):
    # The rule's own check: a parse of a module that imports matplotlib in a function.
    path = tmp_path / "bad.py"
    path.write_text("def f():\n    import matplotlib.pyplot as plt\n    from ..widgets import x\n")
    found = _imports("lessonlib.course.bad", path)
    assert {"matplotlib.pyplot", "lessonlib.widgets", "lessonlib.widgets.x"} <= found


def test_the_layer_rules_see_a_module_that_breaks_them(tmp_path):
    # Each rule's own check: a module that breaks it, fed to the rule as lessonlib would be.
    bad = tmp_path / "bad.py"
    bad.write_text("from lessonlib.course.progress import record\n"
                   "def f():\n    from lessonlib.cards.reports import html_of\n")
    assert sorted(_course_imports({"lessonlib.bad": bad})) == [
        "lessonlib.bad imports lessonlib.course.progress",
        "lessonlib.bad imports lessonlib.course.progress.record"]
    assert "lessonlib.bad imports lessonlib.cards.reports" in _view_imports({"lessonlib.bad": bad})
    # course/ may import itself; a view module may import course/
    assert _course_imports({"lessonlib.course.bad": bad, "lessonlib.cards.bad": bad}) == []


def test_the_html_rule_sees_markup_but_not_a_docstring_or_a_comparison(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('"""A picture of a <lesson id>, drawn <p>here</p>."""\n'
                   "import html\n"
                   "def caption(x):\n"
                   '    """<b>Docstrings</b> may say anything."""\n'
                   "    return f'<p class=\"c\">{html.escape(x)}</p>' if x < 'y>' else 'a -> b'\n")
    found = sorted(_html_built("lessonlib.pictures.bad", bad))
    assert found == ["lessonlib.pictures.bad imports html",
                     "lessonlib.pictures.bad, line 5: '</p>'",
                     "lessonlib.pictures.bad, line 5: '<p class=\"c\">'"]
    good = tmp_path / "good.py"
    good.write_text('"""No <b>HTML</b> here but in this docstring."""\nLABEL = "a < b > c"\n')
    assert _html_built("lessonlib.pictures.good", good) == []


# --------------------------------------------------------------------------- idea-sized

#: A reader sees a module or a function whole below these (CONTRIBUTING.md, "Habits").
MOST_MODULE_LINES, MOST_FUNCTION_LINES = 700, 100


def _too_long(modules: dict[str, Path]) -> list[str]:
    """Modules over MOST_MODULE_LINES lines and functions over MOST_FUNCTION_LINES."""
    found = []
    for name, path in modules.items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MOST_MODULE_LINES:
            found.append(f"{name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MOST_FUNCTION_LINES:
                    found.append(f"{name}.{node.name}: {length} lines")
    return found


def test_no_module_over_700_lines_and_no_function_over_100():
    assert _too_long(_modules()) == []


def test_the_length_rule_sees_a_long_module_and_a_long_function(tmp_path):
    long_function = tmp_path / "f.py"
    long_function.write_text("def f():\n" + "    x = 1\n" * MOST_FUNCTION_LINES)
    long_module = tmp_path / "m.py"
    long_module.write_text("x = 1\n" * (MOST_MODULE_LINES + 1))
    assert _too_long({"lessonlib.f": long_function, "lessonlib.m": long_module}) == [
        f"lessonlib.f.f: {MOST_FUNCTION_LINES + 1} lines",
        f"lessonlib.m: {MOST_MODULE_LINES + 1} lines"]


# --------------------------------------------------------------------------- the hub service

HUB_ONLY = ("jupyterhub", "sqlalchemy", "tornado")
#: The classroom's web application, and its old name (kept for one release).
HUB_SIDE = ("lessonlib.classroom_web", "lessonlib.service")


def test_only_the_classroom_service_imports_the_hub_and_its_database():
    # lessonlib.classroom_web runs where the hub runs, with the [classroom] extra; a student's
    # kernel never needs it (their lessons send answers with the standard library only).
    offences = [f"{name} imports {imported}" for name, path in _modules().items()
                if not name.startswith(HUB_SIDE)
                for imported in _imports(name, path)
                if imported.split(".")[0] in HUB_ONLY or imported.startswith(HUB_SIDE)]
    assert offences == []


def test_import_loads_neither_jupyterhub_nor_sqlalchemy():
    code = ("import sys, lessonlib; print(sorted(m for m in ('jupyterhub', 'sqlalchemy') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
