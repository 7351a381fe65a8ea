// The UI harness: a real VS Code (code-server) with the extension installed, driven through Chromium.
// See README.md beside this file.
export { startWorkbench, Workbench, type WorkbenchOptions } from './workbench';
export type { HoverOptions } from './actions';
export { repoRoot, tutorialFolder } from '../../vscode/harness/codeServer';
