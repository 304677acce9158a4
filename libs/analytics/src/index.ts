export { Warehouse, WAREHOUSE_SCHEMA_VERSION, type WarehouseState } from './warehouse.js';
