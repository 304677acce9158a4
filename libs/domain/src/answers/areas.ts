import type { AreaType } from '../areas.js';

/** An area (district, partnership or force area): GET /api/areas and GET /api/areas/:code. */
export interface Area {
  code: string;
  name: string;
  type: AreaType;
  parentCode: string | null;
  /** Women aged 16 and over (ONS mid-year estimate), for rates per 10,000 women. */
  females16plus: number | null;
  populationSource: string | null;
}
