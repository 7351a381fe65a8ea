// Where a JSON text first stops being valid JSON, as an offset: JSON.parse's messages do not always
// say (V8 gives "Unexpected token ']', ..." with no position for some errors). A validating scan only.

const WS = /[ \t\n\r]/;
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// A JSON string: no raw control characters (below U+0020), escapes as JSON defines them.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** The offset and reason of the first syntax error, or null when the text is valid JSON. */
export function jsonErrorOffset(text: string): { offset: number; message: string } | null {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.test(text[i])) i++;
  };
  const fail = (message: string): never => {
    throw new JsonSyntax(i, message);
  };
  const match = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  const value = (depth: number): void => {
    if (depth > 500) fail('nested too deeply');
    skip();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      skip();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          skip();
          if (!match(STRING)) fail('expected a "key"');
          skip();
          if (text[i] !== ':') fail("expected ':'");
          i++;
        }
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          skip();
          if (text[i] === close) fail(`unexpected '${close}' after ','`);
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail(`expected ',' or '${close}'`);
      }
    }
    if (c === '"') {
      if (!match(STRING)) fail('unterminated or invalid string');
      return;
    }
    if (match(NUMBER) || match(/true|false|null/y)) return;
    fail(i >= text.length ? 'unexpected end of the file' : `unexpected '${c}'`);
  };
  try {
    value(0);
    skip();
    if (i < text.length) fail(`unexpected '${text[i]}' after the value`);
    return null;
  } catch (e) {
    if (e instanceof JsonSyntax) return { offset: e.offset, message: e.message };
    throw e;
  }
}
