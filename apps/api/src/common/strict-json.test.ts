import { describe, expect, it } from 'vitest';
import { JsonRefused, parseStrictJson } from './strict-json.js';

const refusal = (text: string): JsonRefused => {
  try {
    parseStrictJson(text);
  } catch (error) {
    if (error instanceof JsonRefused) return error;
    throw error;
  }
  throw new Error(`accepted ${text.slice(0, 40)}`);
};

describe('the strict JSON reader', () => {
  it('reads what JSON.parse reads, value for value', () => {
    const samples = [
      '{"period":"2025-26 Q1","values":{"caseload":120,"share":0.25,"x":null,"y":true,"z":false}}',
      '[1,-2.5e3,0,"a\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00",[],{},[[{}]]]',
      ' \r\n\t"just a string" ',
      '{"rows":[{"a":1},{"a":2,"b":[3,4]}]}',
      '1e309',
    ];
    for (const text of samples) expect(parseStrictJson(text)).toEqual(JSON.parse(text));
  });

  it('refuses a duplicate key, naming its path', () => {
    const error = refusal('{"period":"2025-26 Q1",\n"rows":[{"a":1},{"gender":"f","gender":"m"}]}');
    expect(error.rule).toBe('duplicate_key');
    expect(error.path).toBe('rows[1].gender');
    expect(error.line).toBe(2);
    expect(refusal('{"a":{"b":1},"a":2}').path).toBe('a');
  });

  it('refuses nesting past the limit without overflowing the stack, even 100,000 deep', () => {
    expect(refusal('['.repeat(100_000) + ']'.repeat(100_000)).rule).toBe('json_depth');
    expect(refusal('{"a":'.repeat(33) + '1' + '}'.repeat(33)).rule).toBe('json_depth');
    expect(parseStrictJson('{"a":'.repeat(32) + '1' + '}'.repeat(32))).toBeTypeOf('object');
  });

  it('keeps __proto__ as plain data and pollutes no prototype', () => {
    const parsed = parseStrictJson('{"__proto__":{"admin":true},"values":{"__proto__":{"polluted":1}}}') as {
      admin?: unknown;
      values: object;
    };
    expect(Object.keys(parsed)).toEqual(['__proto__', 'values']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed.admin).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(parsed.values)).toEqual(['__proto__']);
  });

  it('refuses control characters written as escapes (a NUL once reached PostgreSQL and answered 500), naming where', () => {
    const nul = refusal('{"email":"a\\u0000@b.c","password":"x"}');
    expect([nul.rule, nul.path]).toEqual(['control_character', 'email']);
    expect(refusal('{"ratings":[{"code":"GOV-01","action":"x\\u001f"}]}').path).toBe('ratings[0].action');
    expect(refusal('{"a\\u0000b":1}').rule).toBe('control_character');
    for (const escape of ['\\u0001', '\\u0007', '\\u001b', '\\b', '\\f'])
      expect(refusal(`["${escape}"]`).rule, escape).toBe('control_character');
    // Tab, line feed and carriage return are text; so is DEL and everything above it.
    expect(parseStrictJson('["a\\tb\\nc\\rd\\u0009\\u000a\\u000d\\u007f\\u00e9"]')).toEqual([
      'a\tb\nc\rd\t\n\r\u007f\u00e9',
    ]);
  });

  it('refuses broken JSON with the line it broke on', () => {
    for (const text of [
      '',
      '{',
      '{"a":1,}',
      '[1,]',
      '{"a" 1}',
      "{'a':1}",
      '{"a":01}',
      '"line\nbreak"',
      '{"a":1} x',
      'tru',
      '"\\x"',
      'NaN',
    ]) {
      expect(refusal(text).rule, text).toBe('json_syntax');
    }
    expect(refusal('{\n"a":1,\n"b":}').line).toBe(3);
  });

  it('reads a large document in linear time', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({
      person_key: 'a'.repeat(64),
      month: '2025-04',
      n: i,
      flags: ['x', 'y'],
    }));
    const text = JSON.stringify({ period: '2025-26 Q1', rows });
    const started = performance.now();
    expect((parseStrictJson(text) as { rows: unknown[] }).rows).toHaveLength(50_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
