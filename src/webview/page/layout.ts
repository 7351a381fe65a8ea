// The panel's markup: static (no data in it), inserted once. Every control has a label; text that comes
// from data or files is set later through textContent, never as HTML.

const option = (value: string, label: string) => `<option value="${value}">${label}</option>`;
const field = (id: string, label: string, control: string, hint = '') =>
  `<div class="field" id="field-${id}"><label for="${id}">${label}</label>${control}${hint ? `<span class="hint">${hint}</span>` : ''}</div>`;
const number = (id: string, attrs = 'step="any"') => `<input id="${id}" type="number" ${attrs} inputmode="decimal">`;
const check = (id: string, label: string) =>
  `<div class="field check" id="field-${id}"><input id="${id}" type="checkbox"><label for="${id}">${label}</label></div>`;
const chart = (id: string, title: string, label: string, extra = '') => `
  <section class="card chart-card" aria-labelledby="${id}-title">
    <header><h2 id="${id}-title">${title}</h2>${extra}</header>
    <div class="chart-box"><canvas id="${id}" role="img" aria-label="${label}"></canvas></div>
    <p class="caption" id="${id}-caption"></p>
  </section>`;

const SHAPES = ['moons', 'circles', 'blobs', 'xor', 'spirals'];
/** The model picker: '' is the line w·x (+ b); 'custom' takes a preset or an expression from #model-text. */
export const MODELS: [string, string][] = [
  ['', 'line w·x + b'],
  ['poly:3', 'cubic (poly:3)'],
  ['logistic', 'logistic regression'],
  ['mlp:16', 'MLP 16 tanh'],
  ['mlp:16,16:relu', 'MLP 16-16 ReLU'],
  ['mlp:16,16', 'MLP 16-16 tanh'],
  ['custom', 'preset or expression…'],
];

export const PANEL_MARKUP = `
<header class="topbar">
  <h1 id="panel-title">Train Linear Model</h1>
  <span id="model-label" class="model"></span>
  <span id="status" class="status" role="status" aria-live="polite">starting…</span>
</header>
<div class="toolbar" role="toolbar" aria-label="Training controls">
  <button id="play" class="primary" type="button" aria-keyshortcuts="Alt+P">Play</button>
  <button id="step" type="button" title="Run one epoch (Alt+S)" aria-keyshortcuts="Alt+S">Step</button>
  <button id="phases" type="button" title="Go through the next epoch one phase at a time: forward, loss, backward, update (Alt+E)" aria-keyshortcuts="Alt+E" aria-controls="phases-card">Phases</button>
  <button id="reset" type="button" title="Start again from the initial weights (Alt+R)" aria-keyshortcuts="Alt+R">Reset</button>
  <button id="graph" type="button" title="The computation graph of the model and loss at the current weights, stepped forward and backward; it follows the run (Alt+G)" aria-keyshortcuts="Alt+G">Graph</button>
  <button id="demo-moons" type="button" title="The micrograd demo: a 2-16-16-1 MLP learns to separate two moons">Moons demo</button>
  <span class="toolbar-field"><label for="lr">Learning rate</label>${number('lr', 'step="any" min="0" aria-describedby="lr-warning-text"')}</span>
  <span class="toolbar-field"><label for="speed">Speed</label><select id="speed">${[1, 2, 5, 10, 25, 100, 1000].map((v) => option(String(v), `${v} epochs/s`)).join('')}${option('max', 'as fast as it goes')}</select></span>
  <span id="epoch-counter" class="counter" aria-live="off"></span>
  <div id="lr-warning" class="lr-warning" role="status" hidden>
    <p><strong>Will diverge:</strong> <span id="lr-warning-text"></span></p>
    <button id="lr-warning-action" type="button"></button>
  </div>
</div>
<div id="banner" class="banner" role="alert" hidden>
  <p id="banner-text"></p>
  <button id="banner-action" type="button" hidden></button>
</div>
<div class="layout">
  <form class="settings" id="settings" aria-label="Training settings" novalidate>
    <details open><summary>Data</summary>
      ${field('source', 'Source', `<select id="source">${option('tutorial', 'Tutorial (y = 2x)')}${option('synthetic', 'Synthetic (generated)')}${option('shape', 'Two classes (moons, circles…)')}${option('file', 'File from the workspace…')}${option('inline', 'Arrays from the editor')}</select>`)}
      <div id="synthetic-fields" class="group">
        ${field('syn-n', 'Samples N', number('syn-n', 'step="1" min="1"'))}
        ${field('syn-d', 'Features D', number('syn-d', 'step="1" min="1" max="64"'))}
        ${field('syn-noise', 'Noise σ', number('syn-noise', 'step="any" min="0"'))}
        ${field('syn-weights', 'True weights', '<input id="syn-weights" type="text" spellcheck="false">', 'comma-separated, one per feature')}
        ${field('syn-bias', 'True bias', number('syn-bias'))}
        ${field('syn-seed', 'Data seed', number('syn-seed', 'step="1"'))}
      </div>
      <div id="shape-fields" class="group">
        ${field('shape', 'Shape', `<select id="shape">${SHAPES.map((s) => option(s, s === 'xor' ? 'XOR' : s)).join('')}</select>`)}
        ${field('shape-n', 'Points N', number('shape-n', 'step="1" min="2"'))}
        ${field('shape-noise', 'Noise σ', number('shape-noise', 'step="any" min="0"'))}
        ${field('shape-seed', 'Data seed', number('shape-seed', 'step="1"'))}
      </div>
      <div id="file-fields" class="group">
        ${field('target', 'Target column', '<select id="target"></select>')}
      </div>
      <div class="buttons">
        <button id="pick-file" type="button">Choose file…</button>
        <button id="editor-arrays" type="button" title="Use the x and y arrays bound in the active editor">Arrays from editor</button>
      </div>
    </details>
    <details open><summary>Model and loss</summary>
      ${field('model', 'Model', `<select id="model" aria-describedby="model-params">${MODELS.map(([v, l]) => option(v, l)).join('')}</select>`, '<span id="model-params"></span>')}
      ${field('model-text', 'f(x) =', '<input id="model-text" type="text" spellcheck="false" placeholder="mlp:8,8:relu or torch.tanh(x @ W1 + b1) @ w2 + b2">')}
      ${check('bias', 'Bias b (f(x) = w·x + b)')}
      ${field('init', 'Initial weights', `<select id="init">${option('zeros', 'zeros (the tutorial)')}${option('uniform', 'uniform, like nn.Linear')}</select>`)}
      ${field('dtype', 'dtype', `<select id="dtype">${option('float32', 'float32')}${option('float64', 'float64')}</select>`)}
      ${field('loss', 'Loss', `<select id="loss">${option('mse', 'MSE')}${option('mae', 'MAE (L1)')}${option('huber', 'Huber')}${option('bce', 'BCE (probability)')}${option('hinge', 'hinge (score)')}${option('cross-entropy', 'cross-entropy (logit)')}</select>`)}
      ${field('reduction', 'Reduction', `<select id="reduction">${option('mean', 'mean')}${option('sum', 'sum')}</select>`)}
      ${field('huber-delta', 'Huber δ', number('huber-delta', 'step="any" min="0"'))}
    </details>
    <details open><summary>Optimizer</summary>
      ${field('optimizer', 'Optimizer', `<select id="optimizer">${option('sgd', 'SGD')}${option('momentum', 'SGD with momentum')}${option('adam', 'Adam')}</select>`)}
      ${field('momentum', 'Momentum', number('momentum', 'step="any" min="0" max="1"'))}
      ${check('nesterov', 'Nesterov')}
      ${field('beta1', 'β₁', number('beta1', 'step="any" min="0" max="1"'))}
      ${field('beta2', 'β₂', number('beta2', 'step="any" min="0" max="1"'))}
      ${field('eps', 'ε', number('eps', 'step="any" min="0"'))}
      ${field('weight-decay', 'Weight decay', number('weight-decay', 'step="any" min="0"'))}
    </details>
    <details open><summary>Training</summary>
      ${field('epochs', 'Epochs', number('epochs', 'step="1" min="1"'))}
      ${field('batch-size', 'Batch size', '<input id="batch-size" type="text" inputmode="numeric" placeholder="full batch">', 'empty = full batch')}
      ${field('seed', 'Seed', number('seed', 'step="1"'))}
      ${field('gradient', 'Gradient', `<select id="gradient">${option('autograd', 'autograd')}${option('tutorial-numpy', 'tutorial numpy (4x)')}${option('expression', 'custom…')}</select>`)}
      ${field('gradient-text', 'dL/dw =', '<input id="gradient-text" type="text" spellcheck="false">')}
      ${field('log-every', 'Log every', number('log-every', 'step="1" min="1"'), 'epochs')}
    </details>
    <details><summary>Export</summary>
      <div class="buttons">
        <button id="export-csv" type="button">History as CSV</button>
        <button id="export-json" type="button">History as JSON</button>
        <button id="export-png" type="button">Charts as PNG</button>
        <button id="export-pytorch" type="button">PyTorch script</button>
        <button id="export-numpy" type="button" aria-describedby="export-note">numpy script</button>
      </div>
      <p id="export-note" class="export-note" hidden></p>
    </details>
  </form>
  <main class="charts">
    ${chart('loss-chart', 'Loss', 'Training loss per epoch', `<label class="inline" for="compare">Compare</label><select id="compare">${option('none', 'nothing')}${option('gradient', 'other gradient')}${option('lr-sweep', 'lr sweep')}</select><label class="inline" for="loss-scale">Scale</label><select id="loss-scale">${option('log', 'log')}${option('linear', 'linear')}</select>`)}
    ${chart('accuracy-chart', 'Accuracy', 'Share of the points classified right, per epoch')}
    ${chart('boundary-chart', 'Decision boundary', 'The model’s output over the plane of the two features, with the points coloured by class')}
    ${chart('param-chart', 'Parameter trajectories', 'Parameter values per epoch')}
    ${chart('fit-chart', 'Data and fit', 'Data points and the fitted line')}
    ${chart('landscape-chart', 'Loss landscape', 'Loss as a function of the parameters, with the path taken')}
    <section class="card params-card" id="params-card" aria-labelledby="params-title">
      <header><h2 id="params-title">Parameters</h2><span id="params-epoch" class="subtle" aria-live="off"></span></header>
      <p class="caption" id="params-basis"></p>
      <table id="params-table" class="params-table" hidden>
        <thead><tr><th scope="col">parameter</th><th scope="col">value</th><th scope="col">gradient ∂L/∂θ</th></tr></thead>
        <tbody></tbody>
      </table>
      <div id="params-maps" class="params-maps"></div>
      <p class="caption">Heat maps: one cell per entry, blue below 0, orange above, the background at 0; each map’s range, ± its largest |value|, is printed under it.</p>
      <p id="params-readout" class="params-readout" role="status" aria-live="polite"></p>
    </section>
  </main>
</div>
<section class="card phases-card" id="phases-card" aria-labelledby="phases-title" hidden>
  <header><h2 id="phases-title">One epoch, phase by phase</h2><span id="phases-epoch" class="subtle"></span></header>
  <ol id="phases-list" class="phases">
    <li data-phase="forward"><strong>Forward</strong><span class="phase-value"></span></li>
    <li data-phase="loss"><strong>Loss</strong><span class="phase-value"></span></li>
    <li data-phase="backward"><strong>Backward</strong><span class="phase-value"></span></li>
    <li data-phase="update"><strong>Update</strong><span class="phase-value"></span></li>
  </ol>
  <p class="caption" id="phases-note"></p>
</section>
<section class="card log-card" aria-labelledby="log-title">
  <header><h2 id="log-title">Log</h2></header>
  <pre id="log" role="log" aria-live="polite" tabindex="0"></pre>
  <form id="predict-form" class="predict">
    <label for="predict-x">Predict f(x) at x =</label>
    <input id="predict-x" type="text" inputmode="decimal" value="5" spellcheck="false">
    <button type="submit">Predict</button>
    <output id="predict-out" for="predict-x" aria-live="polite"></output>
  </form>
</section>`;
