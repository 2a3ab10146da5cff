"""The course's stock results, computed ahead: a lesson's Run All reads them, a change recomputes.

Every number and picture a lesson shows is computed by lessonlib from a model. When
the model and its settings are the course's own (the shop, a lab's day of 1,000
orders, the decision tree...), the result is the same for every student, so the
course ships it computed ahead, under the *fingerprint* of what it was computed
from: the function, every argument and setting in order, and the code that computes
it. Two kinds:

* **figures** (``figures/<fingerprint>.png`` and ``figures/index.json``): the PNG of a
  picture, read by :func:`lessonlib.cards.figures.show_figure` instead of drawing it
  (matplotlib is not even imported); the fingerprint covers ``pictures/``,
  ``styles.py``, ``cards/figures.py`` and matplotlib's version.
* **results** (``results.json``): the counts of a lab's simulated day, read by
  :func:`remembered` instead of simulating it; the fingerprint covers the domain
  (``lessonlib/*.py``, ``simulate/``).

A student's own model or settings, or a course model the student changed, has a
fingerprint of its own and is computed anew, as is everything once the code
changes. Text equivalents and sentences are always computed from the values.

How the course keeps the shipped values equal to fresh ones:
``scripts/stock.py`` (``make stock``) runs every lesson with ``LESSONLIB_STOCK=off``
(nothing read from here) and ``LESSONLIB_RECORD_STOCK=<dir>`` (every value computed
written there under its fingerprint) and ships exactly that; ``make test`` runs the
lessons that way once and fails if any value differs from the one shipped or is
missing (tests/test_stock.py).

>>> fingerprint("figures", ("show", "a model", {"dependencies": False})) == fingerprint(
...     "figures", ("show", "a model", {"dependencies": False}))
True
>>> fingerprint("figures", ("show", lambda: 1)) is None   # no fixed form: never stocked
True
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
from functools import cache
from pathlib import Path

__all__ = ["STOCK", "KINDS", "fingerprint", "lookup_figure", "record_figure", "remembered"]

#: Where the shipped values live.
STOCK = Path(__file__).resolve().parent
_CODE = STOCK.parent
#: Each kind of stock value and the code whose change changes it.
KINDS = {
    "figures": ("pictures", "styles.py", "cards/figures.py"),
    "results": ("*.py", "simulate"),
}


class _Unfixed(Exception):
    """A value with no fixed, comparable form (a function, a generator, an open file...)."""


def _plain(value: object, depth: int = 0):
    """``value`` as JSON-ready data that is equal exactly when the values are equal."""
    if depth > 40:
        raise _Unfixed
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, enum.Enum):
        return ["enum", type(value).__qualname__, value.name]
    if isinstance(value, (list, tuple, range)):
        return [type(value).__name__, [_plain(v, depth + 1) for v in value]]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted(json.dumps(_plain(v, depth + 1)) for v in value)]
    if isinstance(value, dict):  # order kept: a model draws its services in their order
        return ["dict", [[_plain(k, depth + 1), _plain(v, depth + 1)] for k, v in value.items()]]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__qualname__,
                [[f.name, _plain(getattr(value, f.name), depth + 1)]
                 for f in dataclasses.fields(value)]]
    if type(value).__module__.startswith("lessonlib.") and hasattr(value, "__dict__"):
        return [type(value).__qualname__, _plain(vars(value), depth + 1)]
    raise _Unfixed


@cache
def _code(kind: str) -> str:
    """A digest of the code that computes values of ``kind`` (and matplotlib's version)."""
    digest = hashlib.sha256(kind.encode())
    if kind == "figures":
        from importlib.metadata import version

        digest.update(version("matplotlib").encode())
    for part in KINDS[kind]:
        files = sorted(_CODE.glob(part)) if "*" in part else (
            sorted((_CODE / part).rglob("*.py")) if (_CODE / part).is_dir() else [_CODE / part])
        for file in files:
            digest.update(file.relative_to(_CODE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def fingerprint(kind: str, recipe: object) -> str | None:
    """The stock name of a value of ``kind`` computed from ``recipe`` (None: never stocked).

    ``recipe`` holds everything the computation reads: the function's name, the
    models, the options.
    """
    try:
        plain = json.dumps(_plain(recipe), separators=(",", ":"))
    except _Unfixed:
        return None
    return hashlib.sha256((_code(kind) + plain).encode()).hexdigest()[:32]


def _reading() -> bool:
    return os.environ.get("LESSONLIB_STOCK", "on") != "off"


def _record(key: str, kind: str, what: str, value: dict, png: bytes | None = None) -> None:
    """Write a computed value where ``LESSONLIB_RECORD_STOCK`` says, if it does.

    One file per value, so kernels running at the same time never write the same one.
    """
    folder = os.environ.get("LESSONLIB_RECORD_STOCK")
    if not folder:
        return
    out = Path(folder) / kind
    out.mkdir(parents=True, exist_ok=True)
    if png is not None:
        (out / f"{key}.png").write_bytes(png)
    (out / f"{key}.json").write_text(
        json.dumps({"what": what.splitlines()[0][:120] if what else "", **value}),
        encoding="utf-8")


@cache
def _index(kind: str) -> dict:
    name = "figures/index.json" if kind == "figures" else f"{kind}.json"
    try:
        return json.loads((STOCK / name).read_text(encoding="utf-8"))["values"]
    except (OSError, ValueError, KeyError):
        return {}


def lookup_figure(recipe: object) -> tuple[str | None, tuple[bytes, float | None] | None]:
    """(fingerprint, (shipped PNG, smallest text size in points) or None) of a figure."""
    key = fingerprint("figures", recipe)
    entry = _index("figures").get(key) if key and _reading() else None
    if entry is None:
        return key, None
    try:
        return key, ((STOCK / "figures" / f"{key}.png").read_bytes(), entry["text_pt"])
    except (OSError, KeyError):
        return key, None


def record_figure(key: str | None, png: bytes, text_pt: float | None, what: str) -> None:
    """Record a figure just drawn (when recording; see :func:`_record`)."""
    if key is not None:
        _record(key, "figures", what, {"text_pt": text_pt}, png)


def remembered(name: str, recipe: object, compute):
    """``compute()``, or its stock value if ``(name, recipe)`` names one.

    ``compute`` returns JSON data (dicts, lists, numbers, strings); the caller turns
    it back into its own values, so a stock value and a fresh one are the same.
    """
    key = fingerprint("results", (name, recipe))
    entry = _index("results").get(key) if key and _reading() else None
    if entry is not None:
        return entry["value"]
    value = json.loads(json.dumps(compute()))
    if key is not None:
        _record(key, "results", name, {"value": value})
    return value
