"""Compute the course's stock values anew and ship them (``make stock``), or check them.

Every lesson runs top to bottom in a fresh kernel, as a student's Run All does,
with ``LESSONLIB_STOCK=off`` (nothing read from what is shipped) and
``LESSONLIB_RECORD_STOCK`` (every figure drawn and every lab day counted is written
under its fingerprint); ``lessonlib/stock/`` then holds exactly what was computed.
``--check`` computes the same way and says what differs from what is shipped,
without writing. See :mod:`lessonlib.stock`.

    .venv/bin/python scripts/stock.py           # recompute and ship
    .venv/bin/python scripts/stock.py --check   # exit 1 if anything differs
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
STOCK = ROOT / "lessonlib" / "stock"
KINDS = ("figures", "results")


def recording_env(out: Path) -> dict[str, str]:
    """The environment under which a kernel computes everything and records it in ``out``."""
    return {"LESSONLIB_STOCK": "off", "LESSONLIB_RECORD_STOCK": str(out)}


def run_recording(path: Path, out: Path) -> None:
    """Run one notebook in a fresh kernel, computing every stock value and recording it."""
    import nbformat
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(recording_env(out), LESSONLIB_PROGRESS=str(Path(tmp) / "p.json"))
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()


def recorded(folder: Path, kind: str) -> dict[str, dict]:
    """The values of ``kind`` recorded in ``folder``: fingerprint -> entry."""
    return {f.stem: json.loads(f.read_text(encoding="utf-8"))
            for f in sorted((folder / kind).glob("*.json"))}


def shipped(kind: str, stock: Path = STOCK) -> dict:
    name = stock / ("figures/index.json" if kind == "figures" else f"{kind}.json")
    return json.loads(name.read_text(encoding="utf-8")) if name.exists() else {"values": {}}


def differences(fresh: Path, stock: Path = STOCK) -> list[str]:
    """What differs between the values just computed in ``fresh`` and those shipped."""
    problems = []
    for kind in KINDS:
        have, now = shipped(kind, stock)["values"], recorded(fresh, kind)
        for key, entry in now.items():
            what = f"{kind[:-1]} {entry['what']!r} ({key})"
            if key not in have:
                problems.append(f"not shipped: {what}")
            elif kind == "figures" and ((fresh / kind / f"{key}.png").read_bytes()
                                        != (stock / kind / f"{key}.png").read_bytes()):
                problems.append(f"differs from a fresh draw: {what}")
            elif {k: v for k, v in entry.items() if k != "what"} != \
                    {k: v for k, v in have[key].items() if k != "what"}:
                problems.append(f"differs from a fresh computation: {what}")
        problems += [f"shipped but no lesson computes it: {kind[:-1]} {have[key]['what']!r}"
                     for key in sorted(set(have) - set(now))]
    return problems


def ship(fresh: Path, stock: Path = STOCK) -> dict[str, int]:
    """Make ``stock`` hold exactly the values in ``fresh``; return how many of each kind."""
    figures = stock / "figures"
    if figures.exists():
        shutil.rmtree(figures)
    figures.mkdir(parents=True)
    made = {"made_by": "scripts/stock.py (make stock)"}
    for kind in KINDS:
        values = recorded(fresh, kind)
        if kind == "figures":
            for key in values:
                shutil.copyfile(fresh / kind / f"{key}.png", figures / f"{key}.png")
            made["matplotlib"] = version("matplotlib")
        name = figures / "index.json" if kind == "figures" else stock / f"{kind}.json"
        name.write_text(json.dumps({**made, "values": values}, indent=1, sort_keys=True)
                        + "\n", encoding="utf-8")
    return {kind: len(recorded(fresh, kind)) for kind in KINDS}


def compute_all(out: Path, notebooks: list[Path], workers: int = 2) -> None:
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(run_recording, notebooks, [out] * len(notebooks)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compute and compare with what is shipped; write nothing")
    args = parser.parse_args(argv)
    notebooks = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        compute_all(out, notebooks)
        if args.check:
            problems = differences(out)
            print("\n".join(problems) or "What is shipped equals a fresh computation.")
            return 1 if problems else 0
        counts = ship(out)
        print(f"{counts['figures']} figures and {counts['results']} computed results (lab days, verb forms) in "
              f"{STOCK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
