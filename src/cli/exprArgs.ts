// Expressions on the command line may start with a minus (`derive "-np.mean(y*np.log(p))"`, `check
// --gradient "-2*x"`), which node's parseArgs takes for an option ("Unknown option '-('"). parseExprArgs
// reads them as expressions: a leading-minus word that is not a known option is a positional, and a
// leading-minus word after a string option is its value. A word shaped like a long option (`--wrtt`)
// is still left to parseArgs, so a typo gets its "Unknown option" rather than a parse error.
import { parseArgs } from 'node:util';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** `--name` or `--name=value`: a word shaped like a long option, known or not. */
const LONG_OPTION = /^--[A-Za-z][\w-]*(=|$)/;

/** The option a word names ('--at=1' -> at, '-h' -> help), or null when it names none. */
function optionOf(word: string, options: OptionSpec): string | null {
  if (word.startsWith('--')) {
    const name = word.slice(2).split('=')[0];
    return Object.hasOwn(options, name) ? name : null;
  }
  const short = Object.entries(options).find(([, spec]) => spec.short && word === `-${spec.short}`);
  return short ? short[0] : null;
}

/** parseArgs with positionals allowed, where an expression may start with a minus. */
export function parseExprArgs<T extends OptionSpec>(args: string[], options: T) {
  const rest: string[] = [];
  const expressions: { at: number; text: string }[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === '--') {
      rest.push(...args.slice(i));
      break;
    }
    const option = word.startsWith('-') ? optionOf(word, options) : null;
    const next = args[i + 1];
    if (
      option !== null &&
      options[option].type === 'string' &&
      !word.includes('=') &&
      next?.startsWith('-') &&
      optionOf(next, options) === null
    ) {
      rest.push(`--${option}=${next}`); // `--gradient -2*x`: the value, not an option
      i++;
    } else if (option === null && word.startsWith('-') && word !== '-' && !LONG_OPTION.test(word)) {
      expressions.push({ at: rest.length, text: word });
    } else rest.push(word);
  }
  const parsed = parseArgs({ args: rest, options, allowPositionals: true, tokens: true });
  // positionals in command-line order: each expression goes before the positionals that followed it
  const positionals: string[] = [];
  const tokens = parsed.tokens.filter((t) => t.kind === 'positional');
  let e = 0;
  for (const token of tokens) {
    while (e < expressions.length && expressions[e].at <= token.index) positionals.push(expressions[e++].text);
    positionals.push(token.value);
  }
  while (e < expressions.length) positionals.push(expressions[e++].text);
  return { values: parsed.values, positionals };
}
