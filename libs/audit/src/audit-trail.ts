import { Injectable } from '@nestjs/common';
import type { Principal } from '@kaf/auth';
import { uuidv7 } from '@kaf/messaging';
import { currentCorrelationId } from '@kaf/observability';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  /** `<resource>.<verb>`, e.g. `customer.update`. */
  action: string;
  resourceType: string;
  resourceId: string;
  /** Response-shaped views of the record; personal data already masked by the caller. */
  before?: object | null;
  after?: object | null;
}

/**
 * Writes audit entries inside the caller's transaction, so a change and its audit entry commit
 * together or not at all.
 */
@Injectable()
export class AuditTrail {
  async record(tx: EntityManager, principal: Principal, record: AuditRecord): Promise<void> {
    await this.recordMany(tx, principal, [record]);
  }

  async recordMany(tx: EntityManager, principal: Principal, records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const correlationId = currentCorrelationId() ?? null;
    const rows = records.map((r) => ({
      id: uuidv7(),
      actorSubject: principal.subject,
      actorRoles: [...principal.roles],
      actorNode: principal.nodeCode,
      action: r.action,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      before: r.before ? toJson(r.before) : null,
      after: r.after ? toJson(r.after) : null,
      correlationId,
    }));
    // Chunked so that a bulk import stays under PostgreSQL's bind-parameter limit.
    for (let i = 0; i < rows.length; i += 2000) {
      await tx
        .getRepository(AuditEntryEntity)
        .insert(rows.slice(i, i + 2000) as QueryDeepPartialEntity<AuditEntryEntity>[]);
    }
  }
}

/** Dates become ISO strings and bigints decimal strings, so the entry is plain JSON. */
function toJson(value: object): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as Record<string, unknown>;
}
