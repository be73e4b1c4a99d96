import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { ConflictError, ForbiddenError, NotFoundError } from '@kaf/platform';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import type { AcknowledgeEscalationDto } from './acknowledge-escalation.dto';
import { HeldEscalationEntity } from './held-escalation.entity';
import {
  type HeldEscalationRow,
  type HeldEscalationView,
  toHeldEscalationView,
} from './held-escalation.view';
import { HeldEscalations } from './held-escalations';
import { HeldEscalationsRepository } from './held-escalations.repository';
import type { ListEscalationsQuery } from './list-escalations.query';

/** The escalations held at this node, read within the caller's region and acknowledged by its staff. */
@Injectable()
export class HeldEscalationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HeldEscalationsRepository,
    private readonly held: HeldEscalations,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: ListEscalationsQuery,
  ): Promise<{ items: HeldEscalationView[]; total: number }> {
    const q = this.scoped(scope);
    if (query.status) q.andWhere('e.status = :status', { status: query.status });
    if (query.subjectType) q.andWhere('e.subject_type = :subjectType', { subjectType: query.subjectType });
    if (query.reason) q.andWhere('e.reason = :reason', { reason: query.reason });
    if (query.cityCode) q.andWhere('e.city_code = :cityCode', { cityCode: query.cityCode });
    const total = await q.getCount();
    const rows = await q
      .orderBy('e.raised_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(query.limit)
      .offset(query.offset)
      .getRawMany<Record<string, unknown>>();
    return { items: rows.map((r) => toHeldEscalationView(unprefixed(r))), total };
  }

  async get(scope: AccessScope, id: string): Promise<HeldEscalationView> {
    const row = await this.scoped(scope).andWhere('e.id = :id', { id }).getRawOne<Record<string, unknown>>();
    if (!row) throw new NotFoundError(`no escalation ${id}`);
    return toHeldEscalationView(unprefixed(row));
  }

  /**
   * The holder's staff take the escalation on; the raiser learns it in the same transaction.
   * Acknowledging is this node's act: a province's staff may follow escalations at CN, not answer
   * them.
   */
  async acknowledge(
    scope: AccessScope,
    id: string,
    dto: AcknowledgeEscalationDto,
  ): Promise<HeldEscalationView> {
    const before = await this.get(scope, id);
    if (!scope.covers(this.identity.code)) {
      throw new ForbiddenError(
        `escalations held at node ${this.identity.code} are acknowledged by its own staff and those above it`,
      );
    }
    return this.dataSource.transaction(async (tx) => {
      const held = await this.store.lock(tx, id);
      if (!held) throw new NotFoundError(`no escalation ${id}`);
      if (held.status !== 'open') {
        throw new ConflictError(
          held.status === 'closed'
            ? `status: escalation ${id} is closed (${held.closed_why ?? 'closed'}); it can no longer be acknowledged`
            : `status: escalation ${id} is acknowledged already, by ${held.acknowledged_by} at ${held.acknowledged_at?.toISOString()}`,
        );
      }
      const at = new Date();
      const by = scope.principal.subject;
      const note = dto.note?.trim() || null;
      const row = await this.held.acknowledge(tx, held, { by, at, note });
      const after = toHeldEscalationView(row);
      await this.audit.record(tx, scope.principal, {
        action: 'escalation.acknowledge',
        resourceType: 'escalation',
        resourceId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * At this node or above, every escalation held here; a province's staff at CN see those of
   * their own cities (or raised by a node of their province).
   */
  private scoped(scope: AccessScope): SelectQueryBuilder<HeldEscalationEntity> {
    const q = this.dataSource.getRepository(HeldEscalationEntity).createQueryBuilder('e').select('e.*');
    if (!scope.covers(this.identity.code)) {
      q.andWhere(
        new Brackets((w) =>
          w
            .where('e.city_code = ANY(:cities)', { cities: scope.cityCodes() })
            .orWhere('e.raised_by = ANY(:nodes)', { nodes: scope.nodeCodes() }),
        ),
      );
    }
    return q;
  }
}

/** `select('e.*')` gives the columns by their own names; the row type is the table's. */
function unprefixed(row: Record<string, unknown>): HeldEscalationRow {
  return row as unknown as HeldEscalationRow;
}
