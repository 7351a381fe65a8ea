// Reads the autogradLab.* settings for a document (language-specific overrides apply).
import * as vscode from 'vscode';
import { sanitizeSettings, type ExtensionSettings } from './settingsModel';

export function readSettings(document?: vscode.TextDocument): ExtensionSettings {
  const config = vscode.workspace.getConfiguration('autogradLab', document);
  return sanitizeSettings({
    hoverEnabled: config.get('hover.enabled'),
    withoutSelection: config.get('hover.withoutSelection'),
    notation: config.get('hover.notation'),
    precision: config.get('numberPrecision'),
    parameterNames: config.get('parameterNames'),
    typesetImage: config.get('hover.typesetImage'),
  });
}
