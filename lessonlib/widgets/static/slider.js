// A slider a screen reader can name: a native <input type="range"> with its <label>, and a
// number box to type the value (named after the slider too). ipywidgets' own slider has
// no accessible name ("slider") and a white handle on a grey track until touched.
// Keys: the browser's own (arrows, Page Up/Down, Home, End); JupyterLab is told to leave
// them alone (data-lm-suppress-shortcuts, and the keydown stops here).
const KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End",
                      "PageUp", "PageDown", "Enter", " "]);

function uid() {
  const count = (globalThis.__lessonlibSliders || 0) + 1;
  globalThis.__lessonlibSliders = count;
  return `lessonlib-slider-${count}-${Math.random().toString(36).slice(2, 8)}`;
}

function render({ model, el }) {
  const id = uid();
  const row = document.createElement("div");
  row.className = "lessonlib-slider";
  row.setAttribute("data-lm-suppress-shortcuts", "true");
  const label = document.createElement("label");
  label.className = "lessonlib-slider-label";
  label.htmlFor = id;
  const range = document.createElement("input");
  range.type = "range";
  range.id = id;
  const typed = document.createElement("input");
  typed.type = "number";
  typed.className = "lessonlib-slider-readout widget-readout";
  const unit = document.createElement("span");
  unit.className = "lessonlib-slider-unit";
  unit.setAttribute("aria-hidden", "true");
  row.append(label, range, typed, unit);
  el.appendChild(row);

  // A readout_format of ".0%" shows and takes 0.25 as 25 %.
  const percent = () => model.get("readout_format") === ".0%";
  const shown = (v) => (percent() ? Math.round(v * 100) : +Number(v).toFixed(6));
  const text = (v) => (percent() ? `${shown(v)}%` : `${shown(v)}`);

  function sync() {
    const [lo, hi, step] = [model.get("min"), model.get("max"), model.get("step")];
    const value = model.get("value");
    const name = model.get("description");
    label.textContent = name;
    label.style.width = model.get("description_width") || "";
    Object.assign(range, { min: lo, max: hi, step });
    range.value = value;
    range.setAttribute("aria-valuetext", text(value));
    Object.assign(typed, { min: shown(lo), max: shown(hi), step: percent() ? shown(step) : step });
    if (document.activeElement !== typed) typed.value = shown(value);
    typed.setAttribute("aria-label", `${name}, typed${percent() ? " in %" : ""}`);
    unit.textContent = percent() ? "%" : "";
    range.disabled = typed.disabled = model.get("disabled");
  }

  function commit(value) {
    const [lo, hi] = [model.get("min"), model.get("max")];
    if (!Number.isFinite(value)) { sync(); return; }
    model.set("value", Math.min(hi, Math.max(lo, value)));
    model.save_changes();
  }

  range.addEventListener("input", () => {
    typed.value = shown(+range.value);
    range.setAttribute("aria-valuetext", text(+range.value));
    if (model.get("continuous_update")) commit(+range.value);
  });
  range.addEventListener("change", () => commit(+range.value));
  const fromTyped = () => commit(percent() ? parseFloat(typed.value) / 100 : parseFloat(typed.value));
  typed.addEventListener("change", fromTyped);
  typed.addEventListener("blur", sync);
  row.addEventListener("keydown", (event) => {
    if (!KEYS.has(event.key)) return;
    event.stopPropagation(); // JupyterLab's notebook shortcuts must not see it
    if (event.key === "Enter" && event.target === typed) fromTyped();
  });

  for (const name of ["value", "min", "max", "step", "description", "readout_format",
                      "disabled", "description_width"]) {
    model.on(`change:${name}`, sync);
  }
  sync();
  return () => row.remove();
}

export default { render };
