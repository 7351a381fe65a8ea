import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './tutorialFiles';

describe('the Autograd Lab extension', () => {
  it('activates in the test workspace and reports its activation time', async () => {
    const extension = await activeExtension();
    assert.ok(extension.isActive);
    const ms = extension.exports.activationMs;
    // Measured and printed, not asserted: a timed test on a shared 2-core machine is noise.
    console.log(`      activation: activate() took ${ms.toFixed(2)} ms`);
  });

  it('registers a handler for every command it contributes', async () => {
    const extension = await activeExtension();
    const contributed = extension.packageJSON.contributes.commands as Array<{ command: string; category: string }>;
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 6);
    for (const { command, category } of contributed) {
      assert.ok(registered.has(command), `${command} has no handler`);
      assert.equal(category, 'Autograd Lab');
    }
  });

  it('puts Show Derivative, Check Gradient, Train with Selected Loss and Train Linear Model in the manifest', async () => {
    const extension = await activeExtension();
    const titles = (extension.packageJSON.contributes.commands as Array<{ title: string }>).map((c) => c.title);
    for (const title of [
      'Show Derivative of Selection',
      'Check Gradient',
      'Train with Selected Loss',
      'Train Linear Model',
    ]) {
      assert.ok(titles.includes(title), `missing "${title}"`);
    }
  });

  it('exposes its settings with their defaults', () => {
    const config = vscode.workspace.getConfiguration('autogradLab');
    assert.equal(config.get('hover.enabled'), true);
    assert.equal(config.get('hover.withoutSelection'), true);
    assert.equal(config.get('hover.notation'), 'both');
    assert.equal(config.get('numberPrecision'), 6);
    assert.deepEqual(config.get('parameterNames'), []);
  });
});
