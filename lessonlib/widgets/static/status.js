// Where a student is after Run All. JupyterLab shows only "[*]" beside each waiting cell
// and leaves the view at the last cell (the quiz), far from where the lesson starts. This
// line, at the top of the lesson, says what is happening: "Running the lesson: 7 of 25
// cells done" while cells wait, then "The lesson ran to the end" (or where Run All
// stopped), and brings the view back here once a whole run is over.
// The kernel counts the cells that ran after this one ("ran", and "failed" once one
// raised); the page says which still wait: their prompt reads "[*]:" (JupyterLab 4 and
// Notebook 7 alike).
const POLL_MS = 250;

function promptOf(cell) {
  const prompt = cell.querySelector(".jp-InputPrompt");
  return prompt ? prompt.textContent.replace(/\s/g, "") : "";
}

function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "lessonlib-run-line";
  const said = document.createElement("p");     // announced: only the start and the end
  said.setAttribute("role", "status");
  const progress = document.createElement("p"); // the running count, not announced
  progress.className = "lessonlib-run-progress";
  progress.setAttribute("aria-hidden", "true");
  box.append(said, progress);
  el.appendChild(box);

  const started = Date.now();
  let timer = null;
  let sawWaiting = false;
  let settling = 0;  // looks since the last waiting cell went: the kernel's count may lag

  function cellsAfterMine() {
    const mine = el.closest(".jp-Cell");
    const notebook = el.closest(".jp-Notebook");
    if (!mine || !notebook) return null;
    const cells = Array.from(notebook.querySelectorAll(".jp-Cell.jp-CodeCell"));
    return cells.slice(cells.indexOf(mine) + 1).filter((cell) => {
      const code = cell.querySelector(".cm-content");
      return !code || code.textContent.trim() !== "";  // an empty cell never runs
    });
  }

  function say(text) {
    if (said.textContent !== text) said.textContent = text;
  }

  function fill(text, values) {
    return Object.entries(values).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, String(v)), text);
  }

  function check() {
    const after = cellsAfterMine();
    if (after === null) {  // not inside a notebook page: nothing to follow
      say(model.get("ready"));
      stop();
      return;
    }
    const waiting = after.filter((cell) => promptOf(cell) === "[*]:").length;
    const total = after.length + 1;
    const ran = model.get("ran");
    if (waiting > 0) {
      sawWaiting = true;
      settling = 0;
      say(model.get("running"));
      progress.textContent = `${Math.min(total - waiting, ran + 1)} of ${total} code cells done`;
      return;
    }
    progress.textContent = "";
    // Every cell after this one ran after it (the kernel counted them): a whole run, even
    // one so quick that no cell was seen waiting.
    const whole = ran >= after.length;
    if (!whole && !model.get("failed") && (sawWaiting || ran > 0) && settling < 4) {
      settling += 1;  // the last cells' count may still be on its way from the kernel
      return;
    }
    const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
    let state = "ready";
    if (model.get("failed")) {  // the kernel skipped the rest after an error
      state = "stopped";
      say(fill(model.get("stopped"), { cell: ran + 1, total }));
    } else if (whole) {
      state = "finished";
      say(fill(model.get("finished"), { cells: total, seconds }));
      // JupyterLab leaves the view at the last cell: bring it back to the top of the
      // lesson, after JupyterLab's own scroll to the last cell.
      setTimeout(back, 150);
      setTimeout(back, 600);
    } else if (ran > 0) {  // some cells chosen by hand: the view stays where it is
      state = "partial";
      say(fill(model.get("partial"), { cells: ran + 1 }));
    } else {
      say(model.get("ready"));
    }
    model.set("state", state);
    model.save_changes();
    stop();
  }

  // The lesson's very top (its title) if this line still shows from there, else this line.
  function back() {
    const cell = el.closest(".jp-Cell");
    let scroller = cell.parentElement;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight) {
      scroller = scroller.parentElement;
    }
    if (!scroller) return;
    const bottom = cell.getBoundingClientRect().bottom - scroller.getBoundingClientRect().top
      + scroller.scrollTop;
    if (bottom <= scroller.clientHeight) scroller.scrollTop = 0;
    else cell.scrollIntoView({ block: "start" });
  }

  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  // The cells after this one are queued a moment after it starts: look again shortly.
  setTimeout(check, 50);
  timer = setInterval(check, POLL_MS);
  return () => { stop(); box.remove(); };
}

export default { render };
