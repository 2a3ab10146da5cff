// A course form (quiz, prediction, lab...) keeps its keys. JupyterLab's notebook takes
// keys in command mode: the arrow keys move to another cell, a letter inserts ("a", "b")
// or deletes ("d d") one. Pressed on a drop-down, a radio button, a checkbox or a button
// of a form, they are the form's: this hidden part marks its form with
// data-lm-suppress-shortcuts, which tells JupyterLab's shortcuts to leave keys inside it
// alone, and stops such a keydown at the form, before the notebook's own handler (which
// would move to a cell and take the focus from the control). Tab, Escape and the keys
// with Ctrl, Alt, Cmd or Shift+Enter still reach JupyterLab.
// (The form's stylesheet, static/forms.css, comes with this part too.)
const OWN = "select, button, input[type=checkbox], input[type=radio], input[type=range]";

function keep(event) {
  const target = event.target;
  if (!(target instanceof Element) || !target.matches(OWN)) return;
  if (event.key === "Tab" || event.key === "Escape") return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === "Enter" && event.shiftKey) return;
  event.stopPropagation();
}

function render({ el }) {
  let tries = 0;
  const mark = () => {
    const form = el.closest(".lessonlib-form");
    if (form) {
      if (!form.hasAttribute("data-lm-suppress-shortcuts")) {
        form.setAttribute("data-lm-suppress-shortcuts", "true");
        form.addEventListener("keydown", keep);
      }
    } else if (++tries < 100) {
      setTimeout(mark, 50);  // the form puts this part in the page after drawing it
    }
  };
  mark();
}

export default { render };
