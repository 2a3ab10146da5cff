// A button whose accessible name says what it acts on: it shows "Check" and a screen
// reader hears "Check question 2" (the name starts with the text shown, WCAG 2.5.3).
// ipywidgets' Button names itself by its text only, so every Check on a page sounded alike.
function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  el.appendChild(button);

  function sync() {
    const text = model.get("description");
    const name = model.get("label");
    button.textContent = text;
    if (name && name !== text) button.setAttribute("aria-label", name);
    else button.removeAttribute("aria-label");
    const tip = model.get("tooltip");
    if (tip) button.title = tip; else button.removeAttribute("title");
    button.disabled = model.get("disabled");
    button.className = "jupyter-button widget-button lessonlib-button"
      + (model.get("button_style") === "primary" ? " mod-primary lessonlib-primary" : "");
  }

  // A press carries the values of the answers it is about ("carries": their model ids), as
  // the browser has them now: a change of an answer still on its way cannot be overtaken.
  button.addEventListener("click", async () => {
    const ids = model.get("carries") || [];
    const found = await Promise.all(ids.map((id) => (model.widget_manager
      ? model.widget_manager.get_model(id).catch(() => null) : null)));
    const values = {};
    ids.forEach((id, i) => { if (found[i]) values[id] = found[i].get("value"); });
    model.send(ids.length ? { event: "click", values } : { event: "click" });
  });
  // Enter and Space press a button natively; JupyterLab must not also run the cell.
  button.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") event.stopPropagation();
  });
  model.on("msg:custom", (msg) => { if (msg && msg.do === "focus") button.focus(); });
  for (const name of ["description", "label", "tooltip", "disabled", "button_style"]) {
    model.on(`change:${name}`, sync);
  }
  sync();
  return () => button.remove();
}

export default { render };
