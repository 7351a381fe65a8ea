// boundValues(): the literal values a document binds (x = np.array([...]), w = 0.0), in the syntax its
// language or its text says, for the trainer's "arrays in the editor" and "train with this loss".
import { boundValues as inSyntax, type BoundValues } from './document/boundValues';
import { detectSyntax, syntaxOfLanguage } from './syntax/dialects';

export type { BoundValues };

export function boundValues(documentText: string, languageId?: string): BoundValues {
  return inSyntax(documentText, syntaxOfLanguage(languageId) ?? detectSyntax(documentText));
}
