import type { JointWorkingModel } from '../joint-working.js';
import type { SectorCode } from '../sectors.js';

/** An agency: GET /api/agencies (a list), GET /api/agencies/:id, and what POST and PATCH answer. */
export interface Agency {
  id: string;
  name: string;
  sector: SectorCode;
  areaCode: string;
  areaName: string;
  jointWorkingModel: JointWorkingModel | null;
  active: boolean;
}

/** POST /api/agencies/import: the agencies made from the file (all of its rows, or none and a 422). */
export interface AgenciesImported {
  created: { id: string; name: string }[];
}
