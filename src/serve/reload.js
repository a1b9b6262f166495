// polyref serve: reloads the page after each rebuild, and shows the problems of a broken build
// over the page until the next good build. Served by `polyref serve` only; `polyref build`
// output never loads it. Text from the server is shown with textContent, never as HTML.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script) return;
  const src = new URL(script.src);
  const events = src.pathname.replace(/reload\.js$/, "events");
  let generation = Number(src.searchParams.get("gen"));
  let overlay = null;
  let shownFor = -1;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(state) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "polyref-build-problems";
    overlay.setAttribute("role", "alert");
    Object.assign(overlay.style, {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(20, 20, 24, 0.94)", color: "#f4f4f4", padding: "1.5rem",
      font: "14px/1.45 ui-monospace, Menlo, Consolas, monospace",
    });
    const title = document.createElement("h2");
    title.textContent = "polyref: " + state.summary;
    Object.assign(title.style, { font: "bold 16px/1.4 system-ui, sans-serif", margin: "0 0 1rem", color: "#ff9b9b" });
    overlay.append(title);
    for (const p of state.problems) {
      const pre = document.createElement("pre");
      pre.className = "polyref-problem";
      pre.textContent = p.text;
      Object.assign(pre.style, { whiteSpace: "pre-wrap", margin: "0 0 1rem", padding: ".75rem",
        background: "rgba(255, 255, 255, 0.06)", borderLeft: "4px solid " + (p.severity === "error" ? "#ff6b6b" : "#f5c04a") });
      overlay.append(pre);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide (the page below is the last good build)";
    close.addEventListener("click", hide);
    overlay.append(close);
    document.body.append(overlay);
  }

  async function poll(first) {
    let state;
    try {
      const response = await fetch(events + (first ? "" : "?since=" + generation), { cache: "no-store" });
      state = await response.json();
    } catch (_) {
      // The server is restarting or stopped: try again in a moment.
      setTimeout(() => poll(true), 1000);
      return;
    }
    if (state.generation !== generation) {
      if (state.ok) {
        location.reload();
        return;
      }
      generation = state.generation;
    }
    if (state.ok) {
      hide();
    } else if (shownFor !== state.generation) {
      shownFor = state.generation;
      show(state);
    }
    setTimeout(() => poll(false), 0);
  }

  poll(true);
})();
