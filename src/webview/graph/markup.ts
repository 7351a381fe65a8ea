// The graph panel's static markup. No data is ever interpolated into it: the page fills it by textContent.
export const GRAPH_MARKUP = `
<header class="toolbar" role="toolbar" aria-label="Step through the computation graph">
  <h1 id="expression">Computation graph</h1>
  <div class="buttons">
    <button id="reset" class="secondary" title="Reset (Home)">Reset</button>
    <button id="back" class="secondary" title="Step back (←)">◀ Back</button>
    <button id="step" title="Step (→)">Step ▶</button>
    <button id="run-forward" class="secondary" title="Run the forward pass to its end">Run forward</button>
    <button id="run-backward" class="secondary" title="Run both passes to the end (End)">Run backward</button>
  </div>
  <span id="position" class="position" role="status" aria-live="polite"></span>
</header>
<div id="banner" class="banner" role="alert" hidden></div>
<ul id="notes" class="notes" hidden></ul>
<main class="graph-main">
  <section class="canvas" aria-label="Graph">
    <div class="view-bar">
      <span id="hidden-count" class="muted"></span>
      <button id="expand-all" class="link" hidden>Expand all</button>
      <button id="collapse-all" class="link" hidden>Collapse</button>
      <span class="spacer"></span>
      <button id="zoom-out" class="secondary" title="Zoom out (-)" aria-label="Zoom out">−</button>
      <button id="zoom-in" class="secondary" title="Zoom in (+)" aria-label="Zoom in">+</button>
      <button id="fit" class="secondary" title="Fit the graph (0)">Fit</button>
    </div>
    <svg id="graph" role="group" aria-label="Computation graph, leaves to loss">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" orient="auto-start-reverse" markerUnits="userSpaceOnUse">
          <path d="M0,0 L10,5 L0,10 z" class="arrow-head"></path>
        </marker>
      </defs>
      <g id="viewport"></g>
    </svg>
    <p id="layout-time" class="muted small"></p>
  </section>
  <aside class="side">
    <section class="details" id="details" aria-label="Selected node" aria-live="polite"></section>
    <h2 class="steps-title">Steps</h2>
    <ol id="steps" class="steps" aria-label="Forward and backward steps"></ol>
  </aside>
</main>
<p class="keys muted small">→ step · ← back · Home reset · End run to the end · + / − zoom · 0 fit · drag to pan</p>`;
