/** GET /api/health: each store's state (200 when both answer, 503 with the same body when either does not). */
export interface HealthAnswer {
  status: 'ok' | 'degraded';
  database: { state: 'up' | 'down'; embedded: boolean; migrationsApplied: number };
  warehouse: { state: 'ready' | 'closed'; schemaVersion: number | null; tables: number } | { state: 'error' };
}
