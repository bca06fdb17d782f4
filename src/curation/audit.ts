import type { Sqlite } from '../db/client.js';
import { insertAudit } from '../db/audit/audit-log.js';

export type { AuditEntry, AuditFilter } from '../db/audit/audit-log.js';

export interface Actor {
  id: number;
  email: string;
  displayName: string;
}

/** The operator at the command line has no account: recorded by name only. */
export type AuditActor = Omit<Actor, 'id'> & { id: number | null };

export interface AuditInput {
  action: string;
  itemId?: number | null;
  topicId?: number | null;
  targetType?: string;
  targetId?: number | null;
  detail?: Record<string, unknown>;
}

/** Records who did what; the actor's e-mail and name are copied so the entry outlives the account. */
export function writeAudit(sqlite: Sqlite, actor: AuditActor | null, e: AuditInput, now: number): void {
  insertAudit(
    sqlite,
    {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      actorName: actor?.displayName ?? null,
      action: e.action,
      itemId: e.itemId ?? null,
      topicId: e.topicId ?? null,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      detail: e.detail ?? {},
    },
    now,
  );
}
