import { describe, expect, it } from 'vitest';
import { AreaScope } from './area-scope.js';

describe('AreaScope', () => {
  it('lets an administrator see everything and gives no SQL restriction', () => {
    const scope = AreaScope.everything();
    expect(scope.includesArea('W06000015')).toBe(true);
    expect(scope.areaCodes).toBeNull();
  });

  it('limits an area-granted caller to their codes', () => {
    const scope = AreaScope.of(['E06000001']);
    expect(scope.includesArea('E06000001')).toBe(true);
    expect(scope.includesArea('E06000002')).toBe(false);
    expect(scope.includesAgency({ id: 'x', areaCode: 'E06000001' })).toBe(true);
    expect(scope.areaCodes).toEqual(['E06000001']);
  });

  it('narrows an agency submitter to their own agency even inside their area', () => {
    const scope = AreaScope.of(['E06000001'], 'own');
    expect(scope.includesAgency({ id: 'own', areaCode: 'E06000001' })).toBe(true);
    expect(scope.includesAgency({ id: 'neighbour', areaCode: 'E06000001' })).toBe(false);
  });
});
