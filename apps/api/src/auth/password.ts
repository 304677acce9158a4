import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of a random password, verified against when no user matches so that timing gives nothing away. */
const decoy = hashPassword(randomBytes(16).toString('hex'));

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(storedHash ?? (await decoy), password);
  } catch {
    return false;
  }
}

/** A password for a new account, shown once: four groups of base64url characters. */
export function generatePassword(): string {
  const raw = randomBytes(15).toString('base64url');
  return raw.match(/.{1,5}/g)!.join('-');
}
