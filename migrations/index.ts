import { Spine1795415665883 } from './1795415665883-spine.js';
import { Returns1795417800000 } from './1795417800000-returns.js';
import { Standards1795418400000 } from './1795418400000-standards.js';
import { CaseEpisodes1795434900000 } from './1795434900000-case-episodes.js';
import { ValidatedValuesOnly1796162700000 } from './1796162700000-validated-values-only.js';
import { FemalePopulationCorrected1796250000000 } from './1796250000000-female-population-corrected.js';
import { AuditEvents1796260000000 } from './1796260000000-audit-events.js';
import { SwitchedOffReason1796263000000 } from './1796263000000-switched-off-reason.js';
import { SetupToken1796270000000 } from './1796270000000-setup-token.js';
import { PasswordChosen1796280000000 } from './1796280000000-password-chosen.js';
import { ReturnSchedules1796271000000 } from './1796271000000-return-schedules.js';
import { WarehouseOutbox1796290000000 } from './1796290000000-warehouse-outbox.js';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  Spine1795415665883,
  Returns1795417800000,
  Standards1795418400000,
  CaseEpisodes1795434900000,
  ValidatedValuesOnly1796162700000,
  FemalePopulationCorrected1796250000000,
  AuditEvents1796260000000,
  SwitchedOffReason1796263000000,
  SetupToken1796270000000,
  ReturnSchedules1796271000000,
  PasswordChosen1796280000000,
  WarehouseOutbox1796290000000,
];
