import { resolve } from 'node:path';
import { DEFAULT_THRESHOLD, type DisclosureRule } from '@waymark/domain';
import { repoRoot } from './paths.js';

/** Everything Waymark reads from the environment, read once at start. */
export interface AppConfig {
  port: number;
  /** A PostgreSQL URL; when absent an embedded server is started under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  warehousePath: string;
  seedDemo: boolean;
  /** Also invent two years of returns and audits for the demo partnership (off in tests that count things). */
  seedDemoActivity: boolean;
  /** Fixed demo password (tests, CI); when absent each demo user gets a random one on first run. */
  demoPassword: string | null;
  sessionHours: number;
  cookieSecure: boolean;
  /** The address people reach Waymark at (behind a proxy, say), for links Waymark prints; null: http://localhost:<port>. */
  publicUrl: string | null;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe, so the client's address is recorded. */
  trustProxy: boolean | number | string;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /** Largest upload accepted, in bytes; larger files get 413. */
  uploadMaxBytes: number;
  /** Uploads one person may send in a minute; more get 429 (a runaway script, not a person, sends more). */
  uploadsPerMinute: number;
  /** Days after a quarter ends that its returns fall due. */
  returnDueDays: number;
  /** How counts are published to roles below analyst. */
  disclosure: DisclosureRule;
}

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

/** TRUST_PROXY: unset or false (no proxy), true (any), a number of hops, or addresses and subnets (loopback, 10.0.0.0/8). */
function trustProxy(): boolean | number | string {
  const raw = (process.env.TRUST_PROXY ?? '').trim();
  if (raw === '' || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

export function loadConfig(): AppConfig {
  const dataDir = resolve(process.env.WAYMARK_DATA_DIR || resolve(repoRoot(), '.data'));
  return {
    port: intFrom('PORT', 3000),
    databaseUrl: process.env.DATABASE_URL || null,
    dataDir,
    warehousePath: resolve(process.env.WAREHOUSE_PATH || resolve(dataDir, 'warehouse.duckdb')),
    seedDemo: flag('WAYMARK_DEMO', true),
    seedDemoActivity: flag('WAYMARK_DEMO_ACTIVITY', true),
    demoPassword: process.env.WAYMARK_DEMO_PASSWORD || null,
    sessionHours: intFrom('SESSION_HOURS', 12),
    cookieSecure: flag('COOKIE_SECURE', process.env.NODE_ENV === 'production'),
    publicUrl: process.env.PUBLIC_URL ? process.env.PUBLIC_URL.replace(/\/+$/, '') : null,
    trustProxy: trustProxy(),
    loginMaxFailures: intFrom('LOGIN_MAX_FAILURES', 10),
    loginWindowMinutes: intFrom('LOGIN_WINDOW_MINUTES', 15),
    uploadMaxBytes: intFrom('RETURN_MAX_BYTES', 10 * 1024 * 1024),
    uploadsPerMinute: intFrom('UPLOADS_PER_MINUTE', 30),
    returnDueDays: intFrom('RETURN_DUE_DAYS', 30),
    disclosure: { threshold: DEFAULT_THRESHOLD, roundingBase: Math.max(1, intFrom('DISCLOSURE_ROUNDING_BASE', 5)) },
  };
}
