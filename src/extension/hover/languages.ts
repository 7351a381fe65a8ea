// Which documents get the derivative hover, and how each one's code is read and printed back.
import type { Syntax } from '../../expr';

/**
 * Languages with the hover. A selector by language alone also matches untitled documents and the
 * python cells of a Jupyter notebook (scheme vscode-notebook-cell), which is what we want.
 */
export const HOVER_LANGUAGES = [
  'python',
  'javascript',
  'typescript',
  'javascriptreact',
  'typescriptreact',
  'plaintext',
  'markdown',
] as const;

/** The parser's syntax for a language; undefined lets src/expr detect it from the text (prose, math). */
export function syntaxForLanguage(languageId: string): Syntax | undefined {
  if (languageId === 'python') return 'python';
  if (/^(java|type)script(react)?$/.test(languageId)) return 'js';
  return undefined;
}

/** The fenced code block's language for a derivative printed in `syntax`, from a document in `languageId`. */
export function fenceLanguage(syntax: Syntax, languageId: string): string {
  switch (syntax) {
    case 'python':
      return 'python';
    case 'js':
      return languageId.startsWith('typescript') ? 'typescript' : 'javascript';
    case 'math':
      return 'text';
    default: {
      const unknown: never = syntax;
      return unknown;
    }
  }
}
