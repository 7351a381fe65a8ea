// The extension-host harness itself: these run inside the real VS Code that every test/vscode suite
// gets, and pin what those suites may rely on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'autograd-lab.autograd-lab';

describe('the VS Code that runs the extension-host tests', () => {
  it('is VS Code 1.100, the version the extension targets', () => {
    assert.match(vscode.version, /^1\.100\.\d+$/);
  });

  it('has samples/tutorial open as its only workspace folder', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.match(folders[0].uri.path, /\/samples\/tutorial$/);
  });

  it('loads this repository as the extension under development', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    const manifest = JSON.parse(readFileSync(join(extension.extensionPath, 'package.json'), 'utf8')) as {
      name: string;
      publisher: string;
    };
    assert.equal(`${manifest.publisher}.${manifest.name}`, extensionId);
    // This file runs bundled under out/test/vscode/ in the repository.
    assert.ok(
      __dirname.startsWith(join(extension.extensionPath, 'out/test/vscode')),
      `${__dirname} is not in ${extension.extensionPath}`,
    );
  });

  it('opens the tutorial program from the workspace with its text', async () => {
    const [file] = await vscode.workspace.findFiles('tutorial_numpy.py');
    assert.ok(file, 'tutorial_numpy.py not found in the workspace');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'python');
    assert.equal(document.lineAt(0).text, 'import numpy as np');
    assert.ok(document.getText().includes('return np.dot(2*x, y_pred-y).mean()'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString());
  });
});
