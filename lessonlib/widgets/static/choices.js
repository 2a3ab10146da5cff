// A group of native radio buttons (one answer) or checkboxes (tick all that apply).
// Keyboard as in any web form: a radio group is one Tab stop and the arrow keys move
// the choice; each checkbox is a Tab stop of its own and Space ticks it (the arrow keys
// also move between them). JupyterLab is told to leave these keys alone
// (data-lm-suppress-shortcuts, and the keydown stops here), so the arrow keys no longer
// leave the quiz for the next cell.
const KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", " ",
                      "Enter"]);

// A radio group is its inputs' shared name, and a name is shared across the whole page:
// two groups with one name would uncheck each other's answers. A module-level counter is
// not enough (after a kernel restart the module is loaded again and counts from 0, in the
// same millisecond as other quizzes render), so the count lives on the page itself.
function groupName() {
  const count = (globalThis.__lessonlibChoiceGroups || 0) + 1;
  globalThis.__lessonlibChoiceGroups = count;
  return `lessonlib-choices-${count}-${Math.random().toString(36).slice(2, 10)}`;
}

function render({ model, el }) {
  const name = groupName();
  const box = document.createElement("fieldset");
  box.className = "lessonlib-choices";
  box.setAttribute("data-lm-suppress-shortcuts", "true");
  el.appendChild(box);
  let inputs = [];

  function build() {
    box.textContent = "";
    const multiple = model.get("multiple");
    box.setAttribute("role", multiple ? "group" : "radiogroup");
    box.setAttribute("aria-label", model.get("label") || "Options");
    inputs = model.get("options").map((text, i) => {
      const label = document.createElement("label");
      label.className = "lessonlib-choice";
      const input = document.createElement("input");
      input.type = multiple ? "checkbox" : "radio";
      input.name = name;
      input.value = text;
      input.dataset.index = String(i);
      const span = document.createElement("span");
      span.className = "lessonlib-choice-text";
      span.textContent = text;
      const mark = document.createElement("span");
      mark.className = "lessonlib-mark";
      mark.setAttribute("aria-hidden", "true"); // the feedback says it in words
      label.append(input, span);
      const row = document.createElement("div");
      row.className = "lessonlib-choice-row";
      row.append(label, mark); // outside the label: the option's name stays its text
      box.appendChild(row);
      input.addEventListener("change", () => {
        const chosen = inputs.filter((x) => x.checked).map((x) => x.value);
        // One way to the kernel only: the synced value. A button that acts on this
        // group carries its value with the press (lessonlib/widgets/button.py), so a
        // change still held back in the browser cannot be overtaken by the press. (A
        // second way, a message per choice, made the kernel send each value back, and a
        // late one undid a tick made after it.)
        model.set("value", chosen);
        model.save_changes();
      });
      return input;
    });
    sync();
  }

  function sync() {
    const chosen = new Set(model.get("value"));
    const marks = model.get("marks") || {};
    const disabled = model.get("disabled");
    inputs.forEach((x) => {
      x.checked = chosen.has(x.value);
      x.disabled = disabled;
      const mark = x.closest(".lessonlib-choice-row").querySelector(".lessonlib-mark");
      const m = marks[x.value] || "";
      mark.textContent = m === "right" ? "✓" : m === "wrong" ? "✗" : "";
      mark.className = "lessonlib-mark" + (m ? ` lessonlib-${m}` : "");
    });
  }

  box.addEventListener("keydown", (event) => {
    if (!KEYS.has(event.key)) return;
    event.stopPropagation(); // JupyterLab's notebook shortcuts must not see it
    if (!model.get("multiple")) return; // radios: the browser moves the choice
    const at = inputs.indexOf(document.activeElement);
    if (at < 0) return;
    let next = at;
    if (event.key === "ArrowDown" || event.key === "ArrowRight") next = (at + 1) % inputs.length;
    else if (event.key === "ArrowUp" || event.key === "ArrowLeft") next = (at - 1 + inputs.length) % inputs.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = inputs.length - 1;
    else return; // Space ticks, natively
    event.preventDefault();
    inputs[next].focus();
  });

  model.on("change:options", build);
  model.on("change:multiple", build);
  model.on("change:label", () => box.setAttribute("aria-label", model.get("label") || "Options"));
  model.on("change:value", sync);
  model.on("change:marks", sync);
  model.on("change:disabled", sync);
  build();
  return () => box.remove();
}

export default { render };
