// Every command id the extension registers, in one place: the manifest, the hover's trusted links and the
// tests all name them from here. Pure: no vscode import, so unit tests can use it.

export const COMMANDS = {
  showDerivative: 'autogradLab.showDerivative',
  checkGradient: 'autogradLab.checkGradient',
  trainWithSelectedLoss: 'autogradLab.trainWithSelectedLoss',
  trainLinearModel: 'autogradLab.trainLinearModel', // registered by src/extension/trainer
  copyDerivative: 'autogradLab.copyDerivative',
  showSteps: 'autogradLab.showSteps',
  trainWithLoss: 'autogradLab.trainWithLoss',
  openTutorial: 'autogradLab.openTutorial',
  showGraph: 'autogradLab.showGraph',
} as const;

type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The only commands a hover may run: MarkdownString.isTrusted = { enabledCommands: HOVER_COMMANDS }. */
export const HOVER_COMMANDS: string[] = [
  COMMANDS.copyDerivative,
  COMMANDS.showSteps,
  COMMANDS.checkGradient,
  COMMANDS.trainWithLoss,
  COMMANDS.showGraph,
];

/** A markdown link target that runs `id` with `args` (VS Code passes the JSON array as the arguments). */
export function commandUri(id: CommandId, args: unknown[]): string {
  return `command:${id}?${encodeURIComponent(JSON.stringify(args))}`;
}
