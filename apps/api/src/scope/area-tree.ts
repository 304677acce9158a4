/**
 * A recursive `tree` of the area whose code is in the given query parameter and every area inside it
 * (a force area holds its partnerships and districts): `WITH RECURSIVE ${areaTree('$2')} … IN (SELECT code FROM tree)`.
 */
export const areaTree = (parameter: string): string =>
  `tree AS (SELECT code FROM area WHERE code = ${parameter} UNION SELECT a.code FROM area a JOIN tree t ON a.parent_code = t.code)`;
