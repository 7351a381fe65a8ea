// The user's settings as the rest of the extension sees them: defaults and validation in one pure place
// (the manifest's `contributes.configuration` documents the same keys).
import { NOTATIONS, type Notation } from './hover/hoverMarkdown';

export interface ExtensionSettings {
  /** autogradLab.hover.enabled */
  hoverEnabled: boolean;
  /** autogradLab.hover.withoutSelection: hover loss statements under the cursor when nothing is selected. */
  withoutSelection: boolean;
  /** autogradLab.hover.notation */
  notation: Notation;
  /** autogradLab.numberPrecision: significant digits of values. */
  precision: number;
  /** autogradLab.parameterNames: names to differentiate by; empty lets the file decide. */
  parameterNames: string[];
  /** autogradLab.hover.typesetImage: a typeset image of each derivative above its text form. */
  typesetImage: boolean;
}

export const DEFAULT_SETTINGS: ExtensionSettings = {
  hoverEnabled: true,
  withoutSelection: true,
  notation: 'both',
  precision: 6,
  parameterNames: [],
  typesetImage: false,
};

/** Anything read from configuration, made safe: wrong types fall back to the default. */
export function sanitizeSettings(raw: Partial<Record<keyof ExtensionSettings, unknown>>): ExtensionSettings {
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const precision =
    typeof raw.precision === 'number' && Number.isFinite(raw.precision)
      ? Math.min(17, Math.max(1, Math.round(raw.precision)))
      : DEFAULT_SETTINGS.precision;
  const names = Array.isArray(raw.parameterNames)
    ? raw.parameterNames.filter((n): n is string => typeof n === 'string' && /^[A-Za-z_]\w*$/.test(n))
    : [];
  return {
    hoverEnabled: bool(raw.hoverEnabled, DEFAULT_SETTINGS.hoverEnabled),
    withoutSelection: bool(raw.withoutSelection, DEFAULT_SETTINGS.withoutSelection),
    notation: NOTATIONS.includes(raw.notation as Notation) ? (raw.notation as Notation) : DEFAULT_SETTINGS.notation,
    precision,
    parameterNames: names,
    typesetImage: bool(raw.typesetImage, DEFAULT_SETTINGS.typesetImage),
  };
}

/** The configured parameter names that occur in the document (so `b` is not differentiated in a file without b). */
export function parametersIn(documentText: string, names: string[]): string[] | undefined {
  const present = names.filter((n) => new RegExp(`(^|[^\\w])${n}([^\\w]|$)`).test(documentText));
  return present.length ? present : undefined;
}
