import { describe, expect, it } from 'vitest';
import { areaTypeOfGss } from './areas.js';
import { codesOf } from './code-list.js';
import { SECTORS } from './sectors.js';
import { JOINT_WORKING_MODELS } from './joint-working.js';

describe('GSS area codes', () => {
  it('knows districts, partnerships and force areas in England and Wales', () => {
    expect(areaTypeOfGss('E06000001')).toBe('lad');
    expect(areaTypeOfGss('W06000015')).toBe('lad');
    expect(areaTypeOfGss('E22000027')).toBe('csp');
    expect(areaTypeOfGss('W14000001')).toBe('csp');
    expect(areaTypeOfGss('E23000013')).toBe('pfa');
    expect(areaTypeOfGss('W15000001')).toBe('pfa');
  });

  it('refuses other entities and malformed codes', () => {
    expect(areaTypeOfGss('E12000001')).toBeNull(); // a region
    expect(areaTypeOfGss('S12000033')).toBeNull(); // Scotland
    expect(areaTypeOfGss('E0600001')).toBeNull();
    expect(areaTypeOfGss("E06000001' OR 1=1")).toBeNull();
  });
});

describe('code lists', () => {
  it('has every sector the partnership works with, each code once', () => {
    const codes = codesOf(SECTORS);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(13);
    expect(codes).toContain('drug_alcohol_service');
    expect(codes).toContain('idva_service');
  });

  it('recommends exactly one joint-working model: joint liaison', () => {
    expect(JOINT_WORKING_MODELS.filter((m) => m.recommended).map((m) => m.code)).toEqual(['joint_liaison']);
  });
});
