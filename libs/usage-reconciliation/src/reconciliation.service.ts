import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { AuditTrail } from '@kaf/audit';
import type { Principal } from '@kaf/auth';
import { UsageTotalsRequestSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import {
  addMonths,
  billingMonthOf,
  FieldValidationException,
  monthsBetween,
  uuidv7,
  NotFoundError,
} from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { defaultRange, MAX_RUN_MONTHS } from './run-months';
import { ReconciliationChildEntity } from './reconciliation-child.entity';
import { ReconciliationRunEntity, type RunTrigger } from './reconciliation-run.entity';
import { type ReconciliationRunView, toRunView } from './reconciliation-run.view';
import { RECONCILIATION_OPTIONS, type ReconciliationOptions } from './reconciliation.options';

/**
 * Starts reconciliation runs: one UsageTotalsRequest per child, in the transaction that records
 * the run, so a run never waits for a question that was not asked.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(RECONCILIATION_OPTIONS) private readonly options: ReconciliationOptions,
  ) {}

  async start(
    range: { from?: string; to?: string },
    trigger: RunTrigger,
    principal?: Principal,
  ): Promise<ReconciliationRunView> {
    const months = this.months(range);
    const id = uuidv7();
    const children = this.topology.childrenOf(this.identity.code).map((child) => ({
      code: child.code,
      cities: child.tier === 'city' ? [child.code] : this.topology.childrenOf(child.code).map((c) => c.code),
    }));
    await this.dataSource.transaction(async (tx) => {
      const startedAt = new Date();
      await tx.getRepository(ReconciliationRunEntity).insert({
        id,
        status: children.length === 0 ? 'complete' : 'running',
        trigger,
        requestedBy: principal?.subject ?? null,
        months,
        startedAt,
        deadlineAt: new Date(startedAt.getTime() + this.options.answerTimeoutMs),
        finishedAt: children.length === 0 ? startedAt : null,
      });
      const payload = create(UsageTotalsRequestSchema, { requestId: id, billingMonths: months });
      const written = await this.outbox.writeMany(
        tx,
        children.map((child) => ({
          schema: UsageTotalsRequestSchema,
          payload,
          target: child.code,
          key: `usage-totals:${id}`,
        })),
      );
      if (children.length > 0) {
        await tx.getRepository(ReconciliationChildEntity).insert(
          children.map((child, i) => ({
            runId: id,
            childCode: child.code,
            cities: child.cities,
            requestMessageId: written[i]!.id,
            differences: [],
          })),
        );
      }
      if (principal) {
        await this.audit.record(tx, principal, {
          action: 'reconciliation.run',
          resourceType: 'reconciliation',
          resourceId: id,
          after: { months, children: children.map((c) => c.code) },
        });
      }
    });
    return this.get(id);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<ReconciliationRunView> {
    const run = await manager.getRepository(ReconciliationRunEntity).findOneBy({ id });
    if (!run) throw new NotFoundError(`reconciliation run ${id} not found`);
    const children = await manager.getRepository(ReconciliationChildEntity).findBy({ runId: id });
    return toRunView(run, children);
  }

  async latest(): Promise<ReconciliationRunView> {
    const run = await this.dataSource
      .getRepository(ReconciliationRunEntity)
      .findOne({ where: {}, order: { startedAt: 'DESC', id: 'DESC' } });
    if (!run) throw new NotFoundError('no reconciliation has run at this node yet');
    return this.get(run.id);
  }

  private months(range: { from?: string; to?: string }): string[] {
    const now = new Date();
    const fallback = defaultRange(now);
    const to = range.to ?? (range.from && range.from > fallback.to ? range.from : fallback.to);
    const from = range.from ?? addMonths(to, -2);
    const latest = addMonths(billingMonthOf(now), 1);
    const errors: { field: string; message: string }[] = [];
    if (to > latest) errors.push({ field: 'to', message: `to must not be after ${latest}` });
    if (from > to) errors.push({ field: 'from', message: `from must not be after to (${to})` });
    const months = monthsBetween(from, to);
    if (months.length > MAX_RUN_MONTHS)
      errors.push({ field: 'from', message: `a run covers at most ${MAX_RUN_MONTHS} months` });
    if (errors.length > 0) throw new FieldValidationException(errors);
    return months;
  }
}
