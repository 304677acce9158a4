import { Controller, Get } from '@nestjs/common';
import { AREA_TYPES, JOINT_WORKING_MODELS, ROLES, SECTORS, type CodeLists } from '@waymark/domain';
import { AUDIT_ACTION_LIST } from '../audit-events/audit-events.service.js';

/** The code lists (from libs/domain, and the audit trail's actions), so forms and filters never hard-code them. */
@Controller('reference')
export class ReferenceController {
  @Get('code-lists')
  codeLists(): CodeLists {
    return {
      sectors: SECTORS,
      jointWorkingModels: JOINT_WORKING_MODELS,
      roles: ROLES,
      areaTypes: AREA_TYPES,
      auditActions: AUDIT_ACTION_LIST,
    };
  }
}
