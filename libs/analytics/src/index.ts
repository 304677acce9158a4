export {
  addSums,
  AGENCY_FIELDS_USED,
  coveredWomenYears,
  factSums,
  maracCoverage,
  otherFigures,
  othersByQuarter,
  peerSums,
  type CoveredDistrict,
  type DueInQuarter,
  type OtherFigures,
  type PeerSums,
  type Sums,
} from './indicators.js';
export { computeIndicators, SUM_BASED, type IndicatorResult, type QuarterRange } from './evaluate.js';
export { ParquetRefused, PARQUET_LIMITS, readParquetRows, rowsToParquet, type ParquetRows } from './parquet.js';
export { EVERYONE, publishedCell, scopedQuery, sqlFile, sumsOf, type QueryFilter, type QueryScope } from './queries.js';
export {
  AGAIN_WITHIN_12_MONTHS,
  areaKey,
  FACT_TABLES,
  PERSON_IN_QUARTER,
  PERSON_QUARTER_WINDOW,
  WAREHOUSE_TABLES,
} from './schema.js';
export type {
  AgencyRow,
  AreaRow,
  AuditFacts,
  Fingerprint,
  MaracRow,
  OutboxPosition,
  ScheduleRow,
  StoredReturn,
  ExportedPart,
  UnloadableReturn,
  WarehouseChange,
  WarehouseSource,
  Withdrawn,
} from './source.js';
export { cannotFollow, catchUp, rebuildFrom, type CatchUp } from './catch-up.js';
export {
  fingerprintTotal,
  Warehouse,
  WAREHOUSE_SCHEMA_VERSION,
  type AppliedChanges,
  type WarehouseState,
} from './warehouse.js';
