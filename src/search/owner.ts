import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** A lease owner id unique to this process and role. */
export function processOwner(role: string): string {
  return `${role}@${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
