// The manifest agrees with the code: every command id the code uses is contributed, every language
// with a hover activates the extension, every walkthrough link runs a real command and its media exist.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/extension/commandIds';
import { HOVER_LANGUAGES } from '../../../src/extension/hover/languages';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsModel';

const root = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributed: Array<{ command: string; title: string; category: string }> = manifest.contributes.commands;

describe('the extension manifest', () => {
  it('contributes every command the code registers, under the Autograd Lab category', () => {
    const ids = contributed.map((c) => c.command);
    for (const id of Object.values(COMMANDS)) assert.ok(ids.includes(id), `${id} is not contributed`);
    for (const c of contributed) assert.equal(c.category, 'Autograd Lab', c.command);
  });
  it('hides the hover-only commands from the palette', () => {
    const hidden = manifest.contributes.menus.commandPalette
      .filter((m: { when: string }) => m.when === 'false')
      .map((m: { command: string }) => m.command);
    assert.deepEqual(hidden.sort(), [COMMANDS.copyDerivative, COMMANDS.trainWithLoss].sort());
  });
  it('activates on each hover language and the trainer panel', () => {
    const events: string[] = manifest.activationEvents;
    for (const language of HOVER_LANGUAGES) assert.ok(events.includes(`onLanguage:${language}`), language);
    assert.ok(events.includes('onWebviewPanel:autogradLab.trainer'));
  });
  it('puts the selection commands in the editor context menu', () => {
    const context = manifest.contributes.menus['editor/context'].map((m: { command: string }) => m.command);
    for (const id of [COMMANDS.showDerivative, COMMANDS.trainWithSelectedLoss, COMMANDS.checkGradient])
      assert.ok(context.includes(id), id);
  });
  it('documents each setting with the default the code uses', () => {
    const props = manifest.contributes.configuration.properties;
    assert.equal(props['autogradLab.hover.enabled'].default, DEFAULT_SETTINGS.hoverEnabled);
    assert.equal(props['autogradLab.hover.withoutSelection'].default, DEFAULT_SETTINGS.withoutSelection);
    assert.equal(props['autogradLab.hover.notation'].default, DEFAULT_SETTINGS.notation);
    assert.equal(props['autogradLab.hover.typesetImage'].default, DEFAULT_SETTINGS.typesetImage);
    assert.equal(props['autogradLab.numberPrecision'].default, DEFAULT_SETTINGS.precision);
    assert.deepEqual(props['autogradLab.parameterNames'].default, DEFAULT_SETTINGS.parameterNames);
  });
  it('has a walkthrough whose links run contributed commands and whose media exist', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.ok(walkthrough.steps.length >= 3);
    const ids = contributed.map((c) => c.command);
    for (const step of walkthrough.steps) {
      for (const [, id] of (step.description as string).matchAll(/\(command:([\w.]+)/g))
        assert.ok(ids.includes(id), `${step.id}: ${id}`);
      for (const file of Object.values(step.media as Record<string, string>)) {
        if (file.includes('/')) assert.ok(existsSync(join(root, file)), `${step.id}: ${file}`);
      }
    }
  });
  it('ships an icon, a web entry, and runs untrusted and in virtual workspaces', () => {
    assert.ok(existsSync(join(root, manifest.icon)));
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });
});
