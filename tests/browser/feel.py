"""How a quiz feels in JupyterLab: keys only, feedback that guides, a reset that asks,
a numeric question, and colours legible in both themes.

Each check runs on a lesson its lesson test has already run (one Run All per notebook):
lesson 00's test answers its quiz with keys only, 02's measures the contrast, 04's
answers the numeric question, 07's tries the feedback and the reset.

- Keys only: a one-answer question's options are one Tab stop and the arrow keys
  move the choice (the notebook's own arrow-key shortcuts must not fire: the active
  cell stays the quiz's); Enter presses Check. A tick-all-that-apply question is
  answered with Tab and Space only: each checkbox is a Tab stop of its own, Space
  ticks it, Tab goes on to Check and Space presses it. Each Check is named for its
  question ("Check question 2") and has the primary look.
- Stale feedback: changing the choice after a Check clears the old feedback.
- Tick-all-that-apply: each tick is marked ✓ or ✗, and the feedback counts the
  right options still missing.
- Reset asks first; "No" keeps the answers.
- Contrast: the right/wrong colours (text, 4.5:1) and the focus ring (3:1)
  measured from the rendered page against the background behind them, in the
  light and the dark theme.
"""

from __future__ import annotations

import re

from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.course.quiz import load_quiz, right_number
from lessonlib.widgets.quiz import CSS as QUIZ
from lessonlib.widgets.quiz import question_class

# WCAG contrast of two CSS colours, in the page (alpha composited over the background).
CONTRAST_JS = """(el, what) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number);
                         return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const background = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const lum = (c) => { const f = (v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const style = getComputedStyle(el);
  const fg = parse(what === "outline" ? style.outlineColor : style.color);
  const bg = background(el.parentElement || el);
  const mix = {r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a),
               b: fg.b * fg.a + bg.b * (1 - fg.a)};
  const [hi, lo] = [lum(mix), lum(bg)].sort((x, y) => y - x);
  return {ratio: (hi + 0.05) / (lo + 0.05), width: parseFloat(style.outlineWidth) || 0,
          outline: style.outlineStyle};
}"""


def _focused_in(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && !!document.activeElement.closest(s)",
                         selector)


def _active_cell(page) -> int:
    return page.evaluate("""() => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')].findIndex(
        c => c.classList.contains('jp-mod-active'))""")


def a_quiz_answered_with_keys_only(lab, nb, lesson: str) -> None:
    """Answer the two questions of ``lesson``'s quiz by keyboard: the one-answer question
    with Tab, the arrow keys and Enter; the tick-all-that-apply one with Tab and Space only."""
    single, multiple = load_quiz(lesson).questions
    page = lab.page
    quiz = nb.quiz(lesson)
    quiz.reset()
    first = quiz.question(single)
    for n, question in enumerate((single, multiple), 1):
        check = quiz.question(question).locator(f".{QUIZ.check} button")
        expect(check).to_have_accessible_name(f"Check question {n}")
        expect(check).to_have_text("Check")
        expect(check).to_have_class(re.compile(r"\bmod-primary\b"))
    # Set-up: focus on the first Check button; from there on, keys only.
    first.locator(f".{QUIZ.check} button").focus()
    page.keyboard.press("Shift+Tab")  # back into the options: one stop
    assert _focused_in(page, f".{question_class(single.id)} .{QUIZ.options}"), \
        "Shift+Tab from Check does not reach the options"
    cell = _active_cell(page)
    shown = first.locator(f".{QUIZ.options} input").evaluate_all("xs => xs.map(x => x.value)")
    at = shown.index(page.evaluate("() => document.activeElement.value"))
    right = next(o for o in single.options if single.is_right(o))
    steps = (shown.index(right) - at) % len(shown)
    if steps == 0:
        page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")  # moves the choice, as in any radio group
    expect(quiz.option(single, right)).to_be_checked(timeout=REPLY_MS)
    expect(quiz.option(single, right)).to_be_focused()
    assert _active_cell(page) == cell, "JupyterLab took the arrow key and moved to another cell"
    page.keyboard.press("Tab")  # one Tab stop for the whole group: next is Check
    assert _focused_in(page, f".{question_class(single.id)} .{QUIZ.check}"), \
        "the options are more than one Tab stop"
    page.keyboard.press("Enter")
    expect(quiz.feedback(single)).to_contain_text("✓ Correct", timeout=REPLY_MS)

    # The tick-all-that-apply question, with Tab and Space only: past Hint into the
    # checkboxes, each a Tab stop of its own; Space ticks the right ones; Tab, Space: Check.
    second = quiz.question(multiple)
    if single.hints:
        page.keyboard.press("Tab")  # Hint
    boxes = second.locator(f".{QUIZ.options} input")
    shown = boxes.evaluate_all("xs => xs.map(x => x.value)")
    for n, option in enumerate(shown):
        page.keyboard.press("Tab")
        expect(boxes.nth(n)).to_be_focused()  # every checkbox is reached by Tab
        if multiple.is_right(option):
            page.keyboard.press("Space")
            expect(boxes.nth(n)).to_be_checked()
    page.wait_for_timeout(500)  # a person's pace: the ticks reach the kernel before Check
    assert _active_cell(page) == cell
    page.keyboard.press("Tab")
    assert _focused_in(page, f".{question_class(multiple.id)} .{QUIZ.check}")
    page.keyboard.press("Space")
    expect(quiz.feedback(multiple)).to_contain_text("✓ Correct", timeout=REPLY_MS)
    expect(quiz.score).to_have_text("Score: 2 / 2")
    expect(quiz.root.locator(f".{QUIZ.finished}")).to_contain_text("Next lesson:")
    lab.screenshot_of(quiz.root, "quiz-keys-only")
    nb.assert_clean()


def feedback_guides_marks_ticks_and_reset_asks(lab, nb, lesson: str, single: str,
                                               ticks: str) -> None:
    """Stale feedback goes, ticks are marked, reset asks (``single`` and ``ticks`` are
    question ids of ``lesson``: one single-choice, one tick-all-that-apply with at least
    three right options)."""
    qz = load_quiz(lesson)
    single = qz.question(single)
    signs = qz.question(ticks)
    quiz = nb.quiz(lesson)
    quiz.reset()

    wrong = next(o for o in single.options if not single.is_right(o))
    quiz.select(single, [wrong])
    expect(quiz.check(single)).to_contain_text("✗ Not quite", timeout=REPLY_MS)
    quiz.select(single, [o for o in single.options if single.is_right(o)])
    expect(quiz.feedback(single)).to_have_text("", timeout=REPLY_MS)  # stale feedback gone

    rights = [o for o in signs.options if signs.is_right(o)]
    wrongs = [o for o in signs.options if not signs.is_right(o)]
    quiz.select(signs, [rights[0], wrongs[0]])
    feedback = quiz.check(signs)
    missing = len(rights) - 1
    expect(feedback).to_contain_text(
        f"1 tick right; 1 tick is wrong (marked ✗); {missing} right "
        f"option{'s are' if missing != 1 else ' is'} still not ticked", timeout=REPLY_MS)
    row = quiz.question(signs).locator(".lessonlib-choice-row")
    expect(row.filter(has_text=rights[0]).locator(f".{QUIZ.mark}")).to_have_text("✓")
    expect(row.filter(has_text=wrongs[0]).locator(f".{QUIZ.mark}")).to_have_text("✗")
    lab.screenshot_of(quiz.root, "quiz-marks")

    reset = quiz.root.locator(f".{QUIZ.reset}")
    reset.click()
    confirm = quiz.root.locator(f".{QUIZ.confirm}")
    expect(confirm).to_contain_text("Forget your 2 answers to this quiz?", timeout=REPLY_MS)
    confirm.locator(f".{QUIZ.reset_no}").click()
    expect(confirm).to_be_hidden(timeout=REPLY_MS)
    expect(quiz.feedback(signs)).to_contain_text("✗ Not quite")  # kept
    quiz.reset()  # now with "Yes"
    expect(quiz.score).to_have_text(f"Score: 0 / {len(qz)}", timeout=REPLY_MS)
    nb.assert_clean()


def a_numeric_question_answered(nb, lesson: str) -> None:
    """The numeric question of ``lesson``: an unreadable number, a wrong one, the right one."""
    q = next(q for q in load_quiz(lesson) if q.kind == "numeric")
    quiz = nb.quiz(lesson)
    quiz.reset()
    quiz.select(q, ["2 or 3"])
    expect(quiz.check(q)).to_contain_text("Nothing was saved", timeout=REPLY_MS)
    quiz.select(q, [str(right_number(q) + 1)])
    expect(quiz.check(q)).to_contain_text("✗ Not quite", timeout=REPLY_MS)
    quiz.select(q, [str(right_number(q))])
    expect(quiz.check(q)).to_contain_text("✓ Correct", timeout=REPLY_MS)


THEMES = ("JupyterLab Light", "JupyterLab Dark")


def right_wrong_and_focus_are_legible_in_both_themes(lab, nb, lesson: str) -> None:
    """Measure the right/wrong colours and the focus rings of ``lesson``'s first question
    in the light and the dark theme; fail below 4.5:1 (text) or 3:1 (focus ring)."""
    q = load_quiz(lesson).questions[0]
    quiz = nb.quiz(lesson)
    quiz.reset()
    for theme in THEMES:
        lab.set_theme(theme)
        measured = _contrast(lab, quiz, q)
        print(f"\n{theme}: " + ", ".join(f"{k} {v['ratio']:.1f}:1" for k, v in measured.items()))
        lab.screenshot_of(quiz.root, f"quiz-{theme.split()[-1].lower()}")
        assert measured["right"]["ratio"] >= 4.5 and measured["wrong"]["ratio"] >= 4.5, \
            (theme, measured)
        for name in ("focus ring, Check", "focus ring, option"):
            ring = measured[name]
            assert ring["outline"] != "none" and ring["width"] >= 2, (theme, name, ring)
            assert ring["ratio"] >= 3.0, (theme, name, ring)
    nb.assert_clean()


def _contrast(lab, quiz, q) -> dict:
    """Answer ``q`` wrongly, then rightly, measuring each feedback; then the focus rings."""
    quiz.select(q, [next(o for o in q.options if not q.is_right(o))])
    expect(quiz.check(q)).to_contain_text("✗ Not quite", timeout=REPLY_MS)
    wrong = quiz.feedback(q).locator(f".{QUIZ.wrong}").first
    measured = {"wrong": wrong.evaluate(CONTRAST_JS, "color")}
    quiz.select(q, [o for o in q.options if q.is_right(o)])
    expect(quiz.check(q)).to_contain_text("✓ Correct", timeout=REPLY_MS)
    right = quiz.feedback(q).locator(f".{QUIZ.right}").first
    measured["right"] = right.evaluate(CONTRAST_JS, "color")
    check = quiz.question(q).locator(f".{QUIZ.check} button")
    check.focus()
    lab.page.keyboard.press("Shift+Tab")
    lab.page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
    measured["focus ring, Check"] = check.evaluate(CONTRAST_JS, "outline")
    radio = quiz.option(q, q.options[0])
    radio.focus()
    measured["focus ring, option"] = radio.evaluate(CONTRAST_JS, "outline")
    return measured


# Every control of a widget, in the order Tab reaches it, with its focus ring; and whether a
# radio group or a drop-down answers the arrow keys (JupyterLab's notebook must not).
_CONTROLS = """(root) => Array.from(root.querySelectorAll('button, input, select, textarea'))
  .filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0)
  .map(el => el.type === 'radio' ? 'radio:' + el.name : (el.tagName + ':' + (
    el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText)
    || el.innerText || el.value || el.placeholder || '')).trim())"""
_FOCUSED = """(root) => {
  const el = document.activeElement;
  if (!el || !root.contains(el)) return null;
  const style = getComputedStyle(el);
  const name = el.type === 'radio' ? 'radio:' + el.name : (el.tagName + ':' + (
    el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText)
    || el.innerText || el.value || el.placeholder || '')).trim();
  return {name, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def every_control_by_keys(lab, nb, widget) -> list[str]:
    """Tab through ``widget`` (a locator) from its first control: every control it shows
    is reached (a radio group once), each with a focus ring of at least 2 px; a drop-down
    and a radio group change with the arrow keys while the notebook's active cell stays.
    Returns the controls in Tab order."""
    page = lab.page
    widget.scroll_into_view_if_needed()
    controls = widget.evaluate(_CONTROLS)
    assert controls, "the widget has no control"
    first = widget.locator("button, input, select, textarea").first
    # A key first, so the focus counts as the keyboard's (:focus-visible shows the ring);
    # not Shift+Tab from the widget, which would land in a cell's editor, where Tab indents.
    page.keyboard.press("Shift")
    first.focus()
    cell = _active_cell(page)
    reached, no_ring = [], []
    for _ in range(len(controls) + 5):
        seen = widget.evaluate(_FOCUSED)
        if seen is None:
            break
        if seen["name"] not in reached:
            reached.append(seen["name"])
            if not seen["ring"]:
                no_ring.append(seen["name"])
        page.keyboard.press("Tab")
    missing = [c for c in dict.fromkeys(controls) if c not in reached]
    assert not missing, f"Tab never reaches {missing} (reached, in order: {reached})"
    assert not no_ring, f"no visible focus ring on {no_ring}"
    for kind in ("select", "input[type=radio]"):
        control = widget.locator(kind).first
        if kind != "select" and widget.locator(f"{kind}:checked").count():
            control = widget.locator(f"{kind}:checked").first  # from the chosen one
        if not control.count() or not control.is_enabled():
            continue
        before = control.evaluate("el => el.type === 'radio' ? "
                                  "[...document.getElementsByName(el.name)].findIndex(r => r.checked)"
                                  " : el.selectedIndex")
        control.focus()
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(300)
        after = control.evaluate("el => el.type === 'radio' ? "
                                 "[...document.getElementsByName(el.name)].findIndex(r => r.checked)"
                                 " : el.selectedIndex")
        assert after != before, f"the arrow key does not change the {kind}"
        assert _active_cell(page) == cell, f"JupyterLab took the arrow key from the {kind}"
        page.keyboard.press("ArrowUp")  # back as it was
    nb.wait_for_idle()
    return reached
