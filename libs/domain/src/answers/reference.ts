import type { AreaType } from '../areas.js';
import type { CodeList } from '../code-list.js';
import type { JointWorkingModel } from '../joint-working.js';
import type { Role } from '../roles.js';
import type { SectorCode } from '../sectors.js';

/** GET /api/reference/code-lists: the code lists forms and filters choose from. */
export interface CodeLists {
  sectors: CodeList<SectorCode>;
  jointWorkingModels: CodeList<JointWorkingModel>;
  roles: CodeList<Role>;
  areaTypes: CodeList<AreaType>;
  /** The kinds of event the audit trail records. */
  auditActions: CodeList;
}
