// The computation graph panel in headless Chromium: the real bundle (dist/graph.js), the real shell and
// CSP, a stand-in for VS Code. The graphs are written by hand from the math (test/fixtures/
// computationGraphs.ts): the tutorial at w = 0 (L = 30, ∂L/∂w = 15 (w - 2) = -30), a fan-out a*a + a at
// a = 3 (∂/∂a = 2a + 1 = 7, reached as 3, 6, 7), and a 300-node graph of 43 tanh neurons.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fromExtension, openGraphPanel, posted, screenshot, sharedHarness } from './harness';
import { fanOutGraph, neuronsGraph, tutorialGraph } from '../fixtures/computationGraphs';
import type { ComputationGraph } from '../../src/expr';

const box = (page: Page, id: string) => page.locator(`.box[data-box="${id}"]`);
const boxText = async (page: Page, id: string, row: 'data' | 'grad') =>
  (await box(page, id).locator(`text.${row}`).textContent()) ?? '';
const currentBoxes = (page: Page) =>
  page.locator('.box.current').evaluateAll((els) => els.map((e) => (e as SVGGElement).dataset.box));
const currentStepText = async (page: Page) => (await page.locator('.step.current .text').textContent()) ?? '';
const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;

async function showGraph(page: Page, graph: ComputationGraph): Promise<void> {
  await fromExtension(page, { type: 'graph', graph });
  await page.waitForSelector('.box');
}

/** Each box's rectangle on the page (after the layout's transform and the view's zoom). */
async function boxRects(page: Page): Promise<{ id: string; x: number; y: number; width: number; height: number }[]> {
  return page.locator('.box').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: (e as SVGGElement).dataset.box ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

function overlaps(rects: { id: string; x: number; y: number; width: number; height: number }[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i];
      const b = rects[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        found.push(`${a.id} / ${b.id}`);
    }
  return found;
}

describe('computation graph panel (webview in Chromium)', function () {
  this.timeout(120_000);
  const harness = sharedHarness();

  it('draws the tutorial’s graph in layers from the leaves to the loss, parameters apart, nodes labelled for a screen reader', async () => {
    const page = await openGraphPanel(harness());
    await showGraph(page, tutorialGraph());
    assert.equal(await page.locator('.box').count(), 7);
    // Layers run left to right or top-down (whichever fits the panel better): inputs come before their op.
    const direction = /left to right/.test((await page.locator('#layout-time').textContent()) ?? '') ? 'x' : 'y';
    const at = Object.fromEntries((await boxRects(page)).map((r) => [r.id, r[direction]]));
    for (const node of tutorialGraph().nodes)
      for (const input of node.inputs)
        assert.ok(at[input] < at[node.id], `${input} before ${node.id} along ${direction}`);
    assert.deepEqual(overlaps(await boxRects(page)), []);
    assert.equal(await page.locator('.box.role-parameter').count(), 1, 'w, the one parameter, is framed apart');
    assert.equal(await page.locator('.box.role-data').count(), 2);
    assert.equal(await box(page, 'w').getAttribute('role'), 'button');
    assert.equal(
      await box(page, 'w').getAttribute('aria-label'),
      'parameter w: data not computed yet, grad not computed yet',
    );
    assert.equal(
      await box(page, 'x').getAttribute('aria-label'),
      'data x: data not computed yet, grad none (the gradient does not reach it)',
    );
    assert.equal(await page.locator('.edge').count(), 6);
    assert.deepEqual(errorsOf(page), [], 'no script or CSP error');
    await page.context().close();
  });

  it('stays readable in a narrow panel beside the trainer: the graph on top, its steps below, no box overlapping', async () => {
    const page = await openGraphPanel(harness(), { width: 420, height: 800 });
    await showGraph(page, tutorialGraph());
    await page.keyboard.press('End');
    const svg = await page.locator('#graph').boundingBox();
    const steps = await page.locator('#steps').boundingBox();
    assert.ok(svg && steps, 'the graph and the step list are on the page');
    assert.ok(svg.width > 360, `the graph takes the panel's width (${svg.width} px)`);
    assert.ok(steps.y >= svg.y + svg.height, 'the steps come below the graph');
    assert.deepEqual(overlaps(await boxRects(page)), []);
    await screenshot(page, 'graph-narrow');
    await page.context().close();
  });

  it('steps forward in topological order (each value appears), then backward in reverse with each grad', async () => {
    const graph = tutorialGraph();
    const page = await openGraphPanel(harness());
    await showGraph(page, graph);
    await page.locator('#graph').focus();
    const forward: [string, string][] = [];
    for (let k = 0; k < graph.forward.length; k++) {
      await page.keyboard.press('ArrowRight');
      const [id] = await currentBoxes(page);
      forward.push([id as string, await boxText(page, id as string, 'data')]);
    }
    // The values from the math: w x = 0, w x - y = -y, its square y², the mean (4 + 16 + 36 + 64) / 4 = 30.
    assert.deepEqual(forward, [
      ['w', 'data 0.0000'],
      ['x', 'data [4] 1.0000, 2.0000, 3.0000, …'],
      ['wx', 'data [4] 0.0000, 0.0000, 0.0000, …'],
      ['y', 'data [4] 2.0000, 4.0000, 6.0000, …'],
      ['r', 'data [4] -2.0000, -4.0000, -6.0000, …'],
      ['sq', 'data [4] 4.0000, 16.0000, 36.0000, …'],
      ['L', 'data 30.0000'],
    ]);
    assert.equal(await boxText(page, 'L', 'grad'), 'grad —', 'no grad before the backward pass');
    const backward: [string, string][] = [];
    for (let k = 0; k < graph.backward.length; k++) {
      await page.keyboard.press('ArrowRight');
      const [id] = await currentBoxes(page);
      backward.push([id as string, await boxText(page, id as string, 'grad')]);
    }
    // ∂L/∂sq = 1/4, ∂L/∂r = r/2, ∂L/∂(wx) = ∂L/∂r, ∂L/∂w = Σ x ∂L/∂(wx) = -30 = 15 (w - 2) at w = 0.
    assert.deepEqual(backward, [
      ['L', 'grad 1.0000'],
      ['sq', 'grad [4] 0.2500, 0.2500, 0.2500, …'],
      ['r', 'grad [4] -1.0000, -2.0000, -3.0000, …'],
      ['wx', 'grad [4] -1.0000, -2.0000, -3.0000, …'],
      ['w', `grad ${(15 * (0 - 2)).toFixed(4)}`],
    ]);
    assert.equal(await boxText(page, 'y', 'grad'), 'grad —', 'data gets no grad');
    assert.equal(await box(page, 'w').getAttribute('aria-label'), 'parameter w: data 0.0000, grad -30.0000');
    assert.deepEqual(
      await page.locator('.box[tabindex="0"]').evaluateAll((els) => els.map((e) => (e as SVGGElement).dataset.box)),
      ['w'],
      'the current step’s box is the one in the tab order',
    );
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await currentBoxes(page), ['w'], 'the last step stays the last');
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(await currentBoxes(page), ['wx']);
    assert.equal(await boxText(page, 'w', 'grad'), 'grad —', 'stepping back takes the grad away again');
    await page.keyboard.press('End');
    await page.locator('.box[data-box="wx"]').click();
    await page.locator('#details summary', { hasText: 'data' }).click();
    await page.locator('#details summary', { hasText: 'grad' }).click();
    assert.equal(
      await page.locator('#details .value.grad pre').textContent(),
      '[4]\n-1.0000, -2.0000, -3.0000, -4.0000',
      'expanded, an array shows every value',
    );
    await page.keyboard.press('End');
    await box(page, 'w').click();
    assert.equal(await page.locator('#position').textContent(), 'backward 5 of 5');
    await screenshot(page, 'graph-tutorial');
    assert.deepEqual(errorsOf(page), []);
    await page.context().close();
  });

  it('shows each backward step’s chain rule in the list and its contribution on the edge it flows along', async () => {
    const graph = tutorialGraph();
    const page = await openGraphPanel(harness());
    await showGraph(page, graph);
    await page.locator('#run-forward').click();
    assert.equal(await currentStepText(page), '((w*x - y)**2).mean() = 30.0000');
    for (const step of graph.backward) {
      await page.locator('#step').click();
      assert.equal(await currentStepText(page), step.text);
      const edge = page.locator('.edge.current');
      if (step.from === null) {
        assert.equal(await edge.count(), 0, 'the seed flows along no edge');
        continue;
      }
      assert.equal(await edge.getAttribute('data-from'), step.node, 'the edge from the input…');
      assert.equal(await edge.getAttribute('data-to'), step.from, '…to the op that sent the gradient back');
      const values = step.contribution.values.slice(0, 3).map((v) => v.toFixed(4));
      assert.match((await edge.locator('.edge-label').textContent()) ?? '', new RegExp(`^(\\[4\\] )?${values[0]}`));
    }
    // The edge's tooltip keeps the contribution after the step has passed.
    await page.keyboard.press('Home');
    assert.equal(await page.locator('.step.current').count(), 0, 'Home resets: no step done');
    assert.equal(await boxText(page, 'L', 'data'), 'data —');
    await page.keyboard.press('End');
    const title = await page.locator('.edge[data-from="w"] title').textContent();
    assert.equal(title, 'w → w*x: ∂L/∂(w) += -30.0000');
    assert.deepEqual(errorsOf(page), []);
    await page.context().close();
  });

  it('selecting a step in the list highlights its node, and selecting a node selects its step', async () => {
    const graph = tutorialGraph();
    const page = await openGraphPanel(harness());
    await showGraph(page, graph);
    // The list holds the 7 forward then the 5 backward steps; the 10th is the backward step to (w*x - y).
    await page.locator('.step').nth(9).click();
    assert.deepEqual(await currentBoxes(page), ['r']);
    assert.equal(await currentStepText(page), graph.backward[2].text);
    await box(page, 'wx').click();
    assert.deepEqual(await currentBoxes(page), ['wx']);
    assert.equal(await currentStepText(page), graph.backward[3].text, 'after the forward pass, its grad’s step');
    await page.keyboard.press('Home');
    await box(page, 'y').click();
    assert.equal(
      await currentStepText(page),
      'y = [4] 2.0000, 4.0000, 6.0000, …',
      'in the forward pass, its value’s step',
    );
    assert.equal(await page.locator('.box.selected').getAttribute('data-box'), 'y');
    await page.locator('#reveal-line').click();
    assert.deepEqual((await posted(page)).pop(), { type: 'reveal', line: 4 });
    assert.deepEqual(errorsOf(page), []);
    await page.context().close();
  });

  it('shows a fan-out’s gradient accumulating: a*a + a at a = 3 gives 3, then 6, then 7 = 2a + 1', async () => {
    const graph = fanOutGraph();
    const page = await openGraphPanel(harness());
    await showGraph(page, graph);
    assert.equal(
      await page.locator('.edge').count(),
      3,
      'a → a*a (one edge for both uses), a*a → a*a + a, a → a*a + a',
    );
    assert.equal(await page.locator('.edge[data-from="a"][data-to="m"] .edge-count').textContent(), '×2');
    await page.locator('#run-forward').click();
    const totals: string[] = [];
    for (let k = 0; k < graph.backward.length; k++) {
      await page.keyboard.press('ArrowRight');
      if ((await currentBoxes(page))[0] === 'a') totals.push(await boxText(page, 'a', 'grad'));
    }
    assert.deepEqual(totals, ['grad 3.0000', 'grad 6.0000 (+=)', `grad ${(2 * 3 + 1).toFixed(4)} (+=)`]);
    const history = await page.locator('#details .contributions li').allTextContents();
    assert.deepEqual(history, [
      '+= 3.0000 from a*a → 3.0000',
      '+= 3.0000 from a*a → 6.0000',
      '+= 1.0000 from a*a + a → 7.0000',
    ]);
    await screenshot(page, 'graph-fan-out');
    assert.deepEqual(errorsOf(page), []);
    await page.context().close();
  });

  it('says why when there is no graph, and refuses a malformed one by its field', async () => {
    const page = await openGraphPanel(harness());
    await fromExtension(page, { type: 'error', text: 'line 3, column 5: unknown function foo' });
    assert.equal(await page.locator('#banner').textContent(), 'line 3, column 5: unknown function foo');
    const graph = tutorialGraph();
    graph.backward[1].node = 'nowhere';
    await fromExtension(page, { type: 'graph', graph });
    assert.equal(
      await page.locator('#banner').textContent(),
      "The extension sent a graph the panel cannot read: message.graph.backward[1].node: 'nowhere' is not a node of the graph",
    );
    assert.equal(await page.locator('.box').count(), 0);
    await page.context().close();
  });

  it('collapses a 300-node graph by source line, says how many nodes are hidden, and expands a line on click', async () => {
    const graph = neuronsGraph();
    const page = await openGraphPanel(harness());
    const start = Date.now();
    await showGraph(page, graph);
    const wall = Date.now() - start;
    console.log(
      `      300-node graph: ${await page.locator('#layout-time').textContent()} (${wall} ms to the first box, message included)`,
    );
    assert.equal(await page.locator('.box').count(), 7);
    assert.equal(
      await page.locator('#hidden-count').textContent(),
      '293 of 300 nodes hidden in 7 collapsed boxes (click one to expand it)',
    );
    assert.match((await box(page, 'line:10').locator('.header').textContent()) ?? '', /^line 10 · 42 nodes$/);
    await page.keyboard.press('End');
    assert.deepEqual(await currentBoxes(page), ['line:2'], 'the last step, to w0, lights the box that holds w0');
    const sum = graph.nodes.find((n) => n.id === graph.output);
    assert.equal(await boxText(page, 'line:10', 'data'), `data ${sum?.data.values[0].toFixed(4)}`);
    assert.deepEqual(overlaps(await boxRects(page)), []);
    await screenshot(page, 'graph-300-collapsed');

    await box(page, 'line:2').click();
    assert.equal(await page.locator('.box').count(), 6 + 24 + 8);
    console.log(`      line 2 expanded: ${await page.locator('#layout-time').textContent()}`);
    await screenshot(page, 'graph-300-line-2-expanded');
    assert.deepEqual(overlaps(await boxRects(page)), []);
    await page.locator('#expand-all').click();
    assert.equal(await page.locator('.box').count(), 300);
    console.log(`      all 300 nodes: ${await page.locator('#layout-time').textContent()}`);
    assert.deepEqual(overlaps(await boxRects(page)), []);
    await screenshot(page, 'graph-300-expanded');
    assert.deepEqual(errorsOf(page), []);
    await page.context().close();
  });
});
