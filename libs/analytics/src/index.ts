export { readParquetRows, type ParquetRows } from './parquet.js';
export { Warehouse, WAREHOUSE_SCHEMA_VERSION, type WarehouseState } from './warehouse.js';
