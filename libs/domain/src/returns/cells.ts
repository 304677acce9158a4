import type { FieldDef } from './fields.js';
import { MAX_COUNT } from './fields.js';
import { asText } from '../text.js';

/** A cell's value as a person may safely read it back: quoted, short, and inert in a spreadsheet. */
export function quoteValue(value: unknown): string {
  let text = value instanceof Date ? value.toISOString().slice(0, 10) : asText(value);
  text = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  if (text.length > 40) text = `${text.slice(0, 37)}…`;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`; // would start a formula if pasted into a spreadsheet
  return `"${text}"`;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; rule: string; message: string };

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

function text(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return raw.trim() === '' ? null : raw.trim();
  return asText(raw);
}

function numberFrom(raw: unknown): number | null {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') return Number(raw);
  const t = text(raw);
  return t !== null && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

function code(f: FieldDef, raw: string): string | null {
  const wanted = raw.toLowerCase();
  return f.codes!.find((c) => c.code.toLowerCase() === wanted)?.code ?? null;
}

/** Turns one cell into a typed value for its field, or says which rule it breaks and why. */
export function parseCell(f: FieldDef, raw: unknown, period: { firstMonth: string; lastMonth: string } | null): Parsed {
  const empty =
    raw === null ||
    raw === undefined ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0);
  if (empty)
    return f.required
      ? { ok: false, rule: 'required', message: `Enter ${f.label.toLowerCase()}` }
      : { ok: true, value: f.kind === 'codes' ? [] : null };

  switch (f.kind) {
    case 'count':
    case 'share': {
      const n = numberFrom(raw);
      if (n === null || !Number.isFinite(n))
        return {
          ok: false,
          rule: f.kind === 'count' ? 'whole_number' : 'number',
          message: `${f.label} must be a number, not ${quoteValue(raw)}`,
        };
      if (n < 0) return { ok: false, rule: 'not_negative', message: `${f.label} cannot be negative` };
      if (f.kind === 'count' && !Number.isInteger(n))
        return { ok: false, rule: 'whole_number', message: `${f.label} must be a whole number` };
      if (f.kind === 'share' && Math.round(n * 100) !== n * 100 && Math.abs(Math.round(n * 100) - n * 100) > 1e-6)
        return { ok: false, rule: 'decimal_places', message: `${f.label} can have at most 2 decimal places` };
      if (n > MAX_COUNT)
        return {
          ok: false,
          rule: 'too_large',
          message: `${f.label} must be ${MAX_COUNT.toLocaleString('en-GB')} or less`,
        };
      return { ok: true, value: n };
    }
    case 'code': {
      const t = text(raw)!;
      const c = code(f, t);
      return c
        ? { ok: true, value: c }
        : {
            ok: false,
            rule: 'allowed_values',
            message: `${f.label} must be one of ${f.codes!.map((x) => x.code).join(', ')}, not ${quoteValue(raw)}`,
          };
    }
    case 'codes': {
      const parts = Array.isArray(raw)
        ? raw.map((p) => asText(p).trim())
        : text(raw)!
            .split(/[;|]/)
            .map((p) => p.trim());
      const values: string[] = [];
      for (const part of parts.filter(Boolean)) {
        const c = code(f, part);
        if (!c)
          return {
            ok: false,
            rule: 'allowed_values',
            message: `${f.label} can only contain ${f.codes!.map((x) => x.code).join(', ')}; ${quoteValue(part)} is not one of them`,
          };
        if (!values.includes(c)) values.push(c);
      }
      return { ok: true, value: values };
    }
    case 'yes_no': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const t = text(raw)!.toLowerCase();
      if (YES.has(t)) return { ok: true, value: true };
      if (NO.has(t)) return { ok: true, value: false };
      return { ok: false, rule: 'yes_no', message: `${f.label} must be yes or no, not ${quoteValue(raw)}` };
    }
    case 'month': {
      const month = raw instanceof Date && raw.getUTCDate() === 1 ? raw.toISOString().slice(0, 7) : text(raw)!;
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
        return { ok: false, rule: 'month_format', message: `${f.label} must be a year and month like 2025-04` };
      if (period && (month < period.firstMonth || month > period.lastMonth)) {
        return {
          ok: false,
          rule: 'month_in_period',
          message: `${f.label} ${month} is outside the return's quarter (${period.firstMonth} to ${period.lastMonth})`,
        };
      }
      return { ok: true, value: month };
    }
    case 'person_key': {
      const t = text(raw)!;
      return /^[0-9a-f]{64}$/i.test(t)
        ? { ok: true, value: t.toLowerCase() }
        : {
            ok: false,
            rule: 'keyed_hash',
            message: `${f.label} must be a 64-character keyed hash made at your agency`,
          };
    }
  }
}
