"""Figures in a real JupyterLab: alt text on every image, natural size at 1280 px, dark theme.

One small notebook (written into the served folder) shows a figure of every kind
the course draws, the widest ones included, and a report card. At 1280 px wide,
file browser open, each figure must be shown at its natural size (no shrinking),
its smallest text at 11 px or more, with its text equivalent as the image's alt.
Then the same notebook in JupyterLab Dark: a screenshot to look at, and the text
around the figures (descriptions, cards) in the theme's light colour.
Every lesson's test checks alt text and size too, through ``Notebook.problems()``.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from lessonlib.cards.figures import CSS as FIGURE
from lessonlib.pictures.sizes import CSS_PX_PER_INCH, MIN_TEXT_PX

pytestmark = pytest.mark.browser

NAME = "zz_figures"
CELLS = [
    "from lessonlib import (case, decide, decision_walker, reuse_comparison, scenarios, show,\n"
    "                       show_flip, show_reuse, show_sequence, show_tree, simulate)",
    "show(scenarios.customer_onboarding_choreography())",
    "show(scenarios.customer_onboarding_orchestration(), dependencies=True)",
    "show(scenarios.tweet_or_email())",
    "show_tree(decide(case('welcome letter')))",
    "show_reuse(reuse_comparison())",
    "show_flip(scenarios.costume_catalogue(), 'AddressCheckRequired', 'CheckAddress')",
    "both = simulate.two_owners(seed=1)\n"
    "both.bus.publish('RegistrationRequested', sender='Website', correlation='customer-1')\n"
    "both.run()\n"
    "show_sequence(both, correlation='customer-1')",
    "decision_walker()",
    "decide(case('loyalty enrolment'))",
]
FIGURES = 8  # seven shown by show_x, one in the walker


@pytest.fixture
def figures_notebook(lab_server):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = lab_server.root / f"{NAME}.ipynb"
    nbformat.write(nb, path)
    yield NAME
    path.unlink(missing_ok=True)


def test_figures_have_alt_text_natural_size_at_1280_px_and_read_in_the_dark(
        lab, figures_notebook):
    lab.page.set_viewport_size({"width": 1280, "height": 900})
    nb = lab.open(figures_notebook)
    nb.run_all()
    images = nb.locator(".jp-OutputArea-output img")
    assert images.count() == FIGURES
    for i in range(FIGURES):
        img = images.nth(i)
        img.scroll_into_view_if_needed()
        alt, points, natural, shown = img.evaluate(
            "el => [el.alt, Number(el.dataset.textPt), Number(el.getAttribute('width')),"
            " el.getBoundingClientRect().width]")
        assert len(alt) > 40, f"figure {i}: alt text {alt!r}"
        scale = shown / natural
        assert scale > 0.99, f"figure {i} shrunk to {scale:.0%} ({alt[:50]!r})"
        assert points * CSS_PX_PER_INCH / 72 * scale >= MIN_TEXT_PX
        # The PNG holds twice the pixels it is shown at: crisp on a high-DPI screen.
        assert img.evaluate("el => el.naturalWidth") >= 2 * natural - 2
    assert nb.figure_problems() == []
    card = nb.locator(".lessonlib-card-decision")
    assert "Which team must make sure it really happens?" in card.inner_text()
    lab.screenshot(f"{NAME}-light")

    # The same outputs in JupyterLab Dark (one Run All for both: browser tests are slow).
    lab.set_theme("JupyterLab Dark")
    description = nb.locator(f"details.{FIGURE.description}").first
    description.locator("summary").click()
    colours = {
        "text description": description.locator(f".{FIGURE.description_text}").evaluate(
            "el => getComputedStyle(el).color"),
        "report card": card.evaluate("el => getComputedStyle(el).color"),
    }
    for what, colour in colours.items():
        assert _luminance(colour) > 0.6, f"{what} is {colour} on a dark background"
    # A figure keeps its own white background: dark text on white, readable in both themes.
    lab.screenshot(f"{NAME}-dark")
    nb.assert_clean()


def _luminance(colour: str) -> float:
    """Rough lightness (0 black, 1 white) of a CSS ``rgb(...)``/``rgba(...)`` colour."""
    r, g, b = (float(x) for x in re.findall(r"[\d.]+", colour)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
