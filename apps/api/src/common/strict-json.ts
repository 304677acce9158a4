/**
 * A strict JSON reader for everything Waymark is sent: request bodies, JSON return files and
 * framework files. Unlike JSON.parse it refuses duplicate keys (which value was meant?), nesting
 * deeper than a return could need, and control characters written as escapes in strings (a NUL
 * would stop PostgreSQL; only tab, line feed and carriage return are text), and it never
 * recurses, so no document can overflow the stack. One pass over the text: linear time. A
 * `__proto__` key is kept as an ordinary property of its own object, as JSON.parse does, so it
 * can never reach a prototype.
 */

export type JsonRule = 'json_syntax' | 'json_depth' | 'duplicate_key' | 'control_character';

export class JsonRefused extends Error {
  constructor(
    readonly rule: JsonRule,
    message: string,
    readonly line: number,
    readonly path: string | null = null,
  ) {
    super(message);
  }
}

/** Returns are at most an object of rows of objects of lists: 32 levels leaves ample room. */
export const JSON_MAX_DEPTH = 32;

interface Frame {
  value: Record<string, unknown> | unknown[];
  /** For objects: the key whose value is being read, and the keys seen so far. */
  key: string | null;
  keys: Set<string> | null;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', r: '\r', t: '\t' };
/** Escapes of control characters that no text Waymark keeps may hold: \b, \f, and \u0000 to \u001f but for tab, line feed and carriage return. */
const CONTROL_ESCAPES = new Set(['b', 'f']);
const isControl = (code: number) => code < 0x20 && code !== 9 && code !== 10 && code !== 13;

/** A key path for messages, like values.caseload or rows[3].gender (keys cut short, never raw). */
function pathOf(stack: Frame[], lastKey: string | null): string {
  const parts: string[] = [];
  for (const frame of stack) {
    if (Array.isArray(frame.value)) parts.push(`[${frame.value.length}]`);
    else if (frame.key !== null) parts.push(`${parts.length ? '.' : ''}${frame.key}`);
  }
  if (lastKey !== null) parts.push(`${parts.length ? '.' : ''}${lastKey}`);
  return parts
    .join('')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
    .slice(0, 120);
}

export function parseStrictJson(text: string, maxDepth = JSON_MAX_DEPTH): unknown {
  let i = 0;
  const n = text.length;
  const stack: Frame[] = [];
  const lineAt = (at: number) => {
    let line = 1;
    for (let k = 0; k < at && k < n; k++) if (text.charCodeAt(k) === 10) line++;
    return line;
  };
  const fail = (message: string, at = i): never => {
    throw new JsonRefused('json_syntax', `Line ${lineAt(at)}: ${message}`, lineAt(at));
  };
  const skipSpace = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    }
  };
  const control = (isKey: boolean): never => {
    const path = isKey ? pathOf(stack.slice(0, -1), null) || null : pathOf(stack, null) || null;
    throw new JsonRefused(
      'control_character',
      `Line ${lineAt(i)}: a ${isKey ? 'key' : 'text'} contains a control character (such as NUL); send plain text`,
      lineAt(i),
      path,
    );
  };
  const readString = (isKey = false): string => {
    // i is at the opening quote
    const start = ++i;
    let out = '';
    let from = start;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        const value = out + text.slice(from, i);
        i++;
        return value;
      }
      if (c < 32) fail('a control character (such as a line break) inside a string must be escaped');
      if (c === 92) {
        out += text.slice(from, i);
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('a \\u escape needs four hexadecimal digits');
          const code = parseInt(hex, 16);
          if (isControl(code)) control(isKey);
          out += String.fromCharCode(code);
          i += 5;
        } else if (e !== undefined && CONTROL_ESCAPES.has(e)) {
          control(isKey);
        } else if (e !== undefined && e in ESCAPES) {
          out += ESCAPES[e];
          i += 1;
        } else fail('an unknown escape in a string');
        from = i + 1;
      }
    }
    return fail('a string is not closed', start - 1);
  };
  const readKey = (frame: Frame) => {
    skipSpace();
    if (text.charCodeAt(i) !== 34) fail('expected a property name in double quotes');
    const key = readString(true);
    skipSpace();
    if (text.charCodeAt(i) !== 58) fail('expected : after a property name');
    i++;
    if (frame.keys!.has(key)) {
      const path = pathOf(stack.slice(0, -1), null);
      const full = `${path}${path ? '.' : ''}${key}`.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 120);
      throw new JsonRefused(
        'duplicate_key',
        `Line ${lineAt(i)}: the key ${JSON.stringify(full)} appears twice in the same object; send each key once`,
        lineAt(i),
        full,
      );
    }
    frame.keys!.add(key);
    frame.key = key;
  };
  const open = (value: Frame['value']) => {
    if (stack.length >= maxDepth) {
      throw new JsonRefused(
        'json_depth',
        `Line ${lineAt(i)}: the JSON is nested more than ${maxDepth} levels deep`,
        lineAt(i),
        pathOf(stack, null) || null,
      );
    }
    const frame: Frame = { value, key: null, keys: Array.isArray(value) ? null : new Set() };
    stack.push(frame);
    return frame;
  };

  skipSpace();
  if (i >= n) fail('the text is empty');
  for (;;) {
    // Read one value; containers push a frame and go round again for their first member.
    skipSpace();
    let value: unknown;
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      const frame = open(c === '{' ? {} : []);
      skipSpace();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        stack.pop();
        value = frame.value;
      } else {
        if (c === '{') readKey(frame);
        continue;
      }
    } else if (c === '"') {
      value = readString();
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
      value = c === 't' ? true : null;
      i += 4;
    } else if (text.startsWith('false', i)) {
      value = false;
      i += 5;
    } else {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) return fail(i >= n ? 'the JSON ends too early' : `unexpected ${JSON.stringify(text[i])}`);
      value = Number(match[0]);
      i += match[0].length;
    }
    // Put the value in its container, then close every container that ends here.
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        skipSpace();
        if (i < n) fail('unexpected text after the end of the JSON');
        return value;
      }
      if (Array.isArray(top.value)) top.value.push(value);
      else if (top.key === '__proto__')
        Object.defineProperty(top.value, '__proto__', { value, enumerable: true, writable: true, configurable: true });
      else top.value[top.key!] = value;
      skipSpace();
      const next = text[i];
      if (next === ',') {
        i++;
        if (!Array.isArray(top.value)) readKey(top);
        break;
      }
      if (next === (Array.isArray(top.value) ? ']' : '}')) {
        i++;
        stack.pop();
        value = top.value;
        continue;
      }
      return fail(i >= n ? 'the JSON ends too early' : `expected , or ${Array.isArray(top.value) ? ']' : '}'}`);
    }
  }
}

/** UTF-8 bytes (a leading byte-order mark allowed) parsed strictly. */
export function parseStrictJsonBytes(bytes: Uint8Array, maxDepth = JSON_MAX_DEPTH): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new JsonRefused('json_syntax', 'The JSON is not UTF-8 text', 1);
  }
  return parseStrictJson(text.replace(/^\uFEFF/, ''), maxDepth);
}
