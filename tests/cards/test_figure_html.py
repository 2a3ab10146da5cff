"""A figure reaches the notebook as HTML: an image with alt text, at its natural size, and
its text description (lessonlib.cards.figures)."""

from __future__ import annotations

import re

from lessonlib import scenarios
from lessonlib.cards.figures import figure_html, text_block
from lessonlib.pictures import architecture
from lessonlib.pictures.sizes import rendered


def test_a_figure_reaches_the_notebook_as_an_image_with_alt_text_at_natural_size():
    fig = architecture.figure(scenarios.seed_choreography())
    size = rendered(fig)
    block = figure_html(fig, 'Choreography: "a chain"')
    img = re.search(r"<img [^>]*>", block).group(0)
    assert 'alt="Choreography: &quot;a chain&quot;"' in img
    width = int(re.search(r'width="(\d+)"', img).group(1))
    assert abs(width - size.width_px) <= 2  # shown at the size its text was measured for
    assert re.search(r'data-text-pt="([\d.]+)"', img).group(1) == f"{size.smallest_pt:g}"
    assert "<details" in block


def test_a_text_block_keeps_a_gap_where_the_text_has_a_blank_line():
    block = text_block("One.\nTwo.\n\n\nThree <b>.\n", "Say <it>")
    assert re.findall(r'<p style="margin: ([^;]+);">([^<]*)</p>', block) == [
        ("2px 0", "One."), ("2px 0", "Two."), ("10px 0 2px", "Three &lt;b&gt;.")]
    assert "<summary>Say &lt;it&gt;</summary>" in block
