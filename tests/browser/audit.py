"""axe-core, the WCAG rules engine, run on what a student sees.

``axe-playwright-python`` ships axe-core (``axe.min.js``) inside its wheel; the script is read
from there and evaluated in the page, so nothing is fetched from a CDN or any host. The page
is audited whole, and each node axe flags is told apart by where it sits:

- **course content**: inside a cell's output (``.jp-OutputArea-output``: lessonlib's cards,
  figures and widgets) or a rendered Markdown cell (``.jp-MarkdownOutput``: the lesson's
  prose), or inside the ``content`` a caller names (a static page's ``main``). A violation
  here of impact ``serious`` or ``critical`` fails the test;
- **JupyterLab's own** (cell editors, toolbars, the side panels): recorded, never failed.
  It is not ours to fix; the counts show whether a release of JupyterLab changes them.

Each audit writes ``test-artifacts/axe/<name>.json`` (every violation, both groups, with the
nodes' selectors and HTML) for a human to read.

``audit(page, name)`` -> :class:`Audit`; ``assert_accessible(page, name)`` audits and fails
with a readable list; ``audit_notebook(nb, name)`` does it for the notebook open in the lab.

The static edition's pages are all course content. Run as a script, this module audits a
folder of them in a Chromium of its own (a process apart from the browser tests' Playwright)
and exits 1 on a serious or critical violation::

    .venv/bin/python tests/browser/audit.py build/html
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from server import REPO

AXE_SCRIPT = None  # read on first use
ARTIFACTS = REPO / "test-artifacts" / "axe"
#: Where the course's own content sits in JupyterLab: cell outputs and rendered Markdown.
COURSE_CONTENT = ".jp-OutputArea-output, .jp-MarkdownOutput"
#: The impacts that fail a test (axe's four are minor, moderate, serious, critical).
FAILING = ("serious", "critical")
#: Rules run: WCAG 2.0/2.1 A and AA, and axe's best practices (recorded the same way).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_script() -> str:
    """The axe-core script bundled in the ``axe-playwright-python`` wheel (no network)."""
    global AXE_SCRIPT
    if AXE_SCRIPT is None:
        import axe_playwright_python

        AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
            encoding="utf-8")
    return AXE_SCRIPT


# Run axe on the whole document; say for each node whether it is course content.
_RUN = """async ([content, tags]) => {
  const results = await window.axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], elementRef: true});
  return results.violations.map(v => ({
    rule: v.id, impact: v.impact || 'minor', help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.join(' '), html: (n.html || '').slice(0, 300),
      course: !!(n.element && n.element.closest && n.element.closest(content)),
      summary: (n.failureSummary || '').slice(0, 300)})),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    """One rule broken, on ``nodes`` (their selectors) of one group."""

    rule: str
    impact: str
    help: str
    nodes: tuple[str, ...]
    html: tuple[str, ...] = ()
    summary: str = ""

    def line(self) -> str:
        shown = "; ".join(f"{t} {h}" for t, h in zip(self.nodes[:3], self.html[:3],
                                                        strict=False))
        more = f" (and {len(self.nodes) - 3} more)" if len(self.nodes) > 3 else ""
        return (f"{self.rule} ({self.impact}, {len(self.nodes)} node"
                f"{'s' if len(self.nodes) != 1 else ''}): {self.help}. {shown}{more}. "
                f"{self.summary}")


@dataclass
class Audit:
    """What axe found on one page: ``course`` (course content) and ``lab`` (the rest)."""

    name: str
    course: list[Violation] = field(default_factory=list)
    lab: list[Violation] = field(default_factory=list)

    def failing(self) -> list[Violation]:
        """The course's violations of impact serious or critical."""
        return [v for v in self.course if v.impact in FAILING]

    @staticmethod
    def _count(violations: list[Violation]) -> dict[str, int]:
        counts = dict.fromkeys(("critical", "serious", "moderate", "minor"), 0)
        for v in violations:
            counts[v.impact] = counts.get(v.impact, 0) + len(v.nodes)
        return counts

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes per impact: ``{"course": {...}, "jupyterlab": {...}}``."""
        return {"course": self._count(self.course), "jupyterlab": self._count(self.lab)}

    def save(self) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}.json"
        path.write_text(json.dumps({"counts": self.counts(),
                                    "course": [asdict(v) for v in self.course],
                                    "jupyterlab": [asdict(v) for v in self.lab]},
                                   indent=1), encoding="utf-8")
        return path

    def message(self) -> str:
        return (f"axe finds {len(self.failing())} serious or critical violation(s) in the "
                f"course content of {self.name} (test-artifacts/axe/{self.name}.json):\n- "
                + "\n- ".join(v.line() for v in self.failing()))


def audit(page, name: str, content: str = COURSE_CONTENT) -> Audit:
    """Run axe on ``page``; nodes inside ``content`` (a CSS selector) are course content.

    The result is also saved as ``test-artifacts/axe/<name>.json``.
    """
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(axe_script())
    found = page.evaluate(_RUN, [content, TAGS])
    result = Audit(name)
    for v in found:
        for course, group in ((True, result.course), (False, result.lab)):
            nodes = [n for n in v["nodes"] if n["course"] == course]
            if nodes:
                group.append(Violation(v["rule"], v["impact"], v["help"],
                                       tuple(n["target"] for n in nodes),
                                       tuple(n["html"] for n in nodes), nodes[0]["summary"]))
    result.save()
    return result


def assert_accessible(page, name: str, content: str = COURSE_CONTENT) -> Audit:
    """Audit ``page`` and fail on a serious or critical violation in course content;
    print both groups' counts (JupyterLab's own are reported, never failed)."""
    start = time.monotonic()
    result = audit(page, name, content)
    print(f"\naxe {name} ({time.monotonic() - start:.1f} s): {json.dumps(result.counts())}")
    assert not result.failing(), result.message()
    return result


def audit_notebook(nb, name: str) -> Audit:
    """:func:`assert_accessible` on the page showing the notebook ``nb``."""
    return assert_accessible(nb.page, name)


#: On a static page everything is the course's: the selector matches every node.
WHOLE_PAGE = ":root"


def audit_static_pages(folder: Path) -> list[Audit]:
    """Audit every ``*.html`` page of ``folder`` (the static edition) in a new Chromium."""
    from playwright.sync_api import sync_playwright
    from server import VIEWPORT, launch_chromium

    pages = sorted(Path(folder).glob("*.html"))
    if not pages:
        raise FileNotFoundError(f"No HTML page in {folder}: build the static edition first "
                                "(make html).")
    results = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            for path in pages:
                page.goto(path.resolve().as_uri())
                results.append(audit(page, f"static-{path.stem}", WHOLE_PAGE))
        finally:
            browser.close()
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="axe-core on the static edition's pages")
    parser.add_argument("folder", type=Path, help="the static edition, e.g. build/html")
    results = audit_static_pages(parser.parse_args(argv).folder)
    for result in results:
        print(f"{result.name}: {json.dumps(result.counts()['course'])}")
    failing = [result for result in results if result.failing()]
    for result in failing:
        print(result.message(), file=sys.stderr)
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
