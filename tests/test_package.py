"""lessonlib's public surface: small, explicit, layered, and cheap to import."""

import ast
import importlib
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
    clashes = sorted(modules & set(lessonlib.__all__) - {"scenarios", "simulate"})
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


def test_the_domain_imports_no_view_not_even_inside_a_function():
    offences = []
    for name, path in _modules().items():
        if _layer(name) not in ("domain", "course"):
            continue
        for imported in _imports(name, path):
            if imported.startswith(DOMAIN_FORBIDDEN) or imported.split(".")[0] == "IPython":
                offences.append(f"{name} imports {imported}")
    assert offences == []


def test_pictures_never_import_widgets():
    offences = [f"{name} imports {imported}" for name, path in _modules().items()
                if _layer(name) == "pictures" for imported in _imports(name, path)
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
