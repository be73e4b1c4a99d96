import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { AuditTrail } from '@kaf/audit';
import type { Principal } from '@kaf/auth';
import { FiguresTotalsRequestSchema } from '@kaf/contracts';
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
import { citiesOf } from '../cities-of';
import { UpwardFigures } from '../upward-figures';
import { defaultRange, MAX_RUN_MONTHS } from './run-months';
import { ReconciliationChildEntity } from './reconciliation-child.entity';
import { ReconciliationRunEntity, type RunTrigger } from './reconciliation-run.entity';
import { type ReconciliationRunView, toRunView } from './reconciliation-run.view';
import { RECONCILIATION_OPTIONS, type ReconciliationOptions } from './reconciliation.options';

/** What a run compares: a measure this node receives, and a range of billing months. */
export interface RunRequest {
  measure?: string;
  from?: string;
  to?: string;
}

/**
 * Starts reconciliation runs of a measure: one FiguresTotalsRequest per child, in the transaction
 * that records the run, so a run never waits for a question that was not asked.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    private readonly figures: UpwardFigures,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(RECONCILIATION_OPTIONS) private readonly options: ReconciliationOptions,
  ) {}

  /** A scheduled run of every measure this node receives. */
  async startScheduled(): Promise<ReconciliationRunView[]> {
    const runs: ReconciliationRunView[] = [];
    for (const measure of this.figures.received()) runs.push(await this.start({ measure }, 'scheduled'));
    return runs;
  }

  async start(
    request: RunRequest,
    trigger: RunTrigger,
    principal?: Principal,
  ): Promise<ReconciliationRunView> {
    const { measure, months } = this.validate(request);
    const id = uuidv7();
    const children = this.topology.childrenOf(this.identity.code).map((child) => ({
      code: child.code,
      cities: citiesOf(this.topology, child.code),
    }));
    await this.dataSource.transaction(async (tx) => {
      const startedAt = new Date();
      await tx.getRepository(ReconciliationRunEntity).insert({
        id,
        measure,
        status: children.length === 0 ? 'complete' : 'running',
        trigger,
        requestedBy: principal?.subject ?? null,
        months,
        startedAt,
        deadlineAt: new Date(startedAt.getTime() + this.options.answerTimeoutMs),
        finishedAt: children.length === 0 ? startedAt : null,
      });
      const payload = create(FiguresTotalsRequestSchema, { measure, requestId: id, billingMonths: months });
      const written = await this.outbox.writeMany(
        tx,
        children.map((child) => ({
          schema: FiguresTotalsRequestSchema,
          payload,
          target: child.code,
          key: `${measure}-totals:${id}`,
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
          after: { measure, months, children: children.map((c) => c.code) },
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

  /** The newest run, of one measure when it is named. */
  async latest(measure?: string): Promise<ReconciliationRunView> {
    const run = await this.dataSource
      .getRepository(ReconciliationRunEntity)
      .findOne({ where: measure ? { measure } : {}, order: { startedAt: 'DESC', id: 'DESC' } });
    if (!run) {
      throw new NotFoundError(`no reconciliation${measure ? ` of ${measure}` : ''} has run at this node yet`);
    }
    return this.get(run.id);
  }

  /** A `measure` query parameter: absent, or one measure this node receives (400 otherwise). */
  receivedMeasure(measure: unknown): string | undefined {
    if (measure === undefined) return undefined;
    const error = this.measureError(measure);
    if (error) throw new FieldValidationException([error]);
    return measure as string;
  }

  /** Why `measure` cannot be compared at this node, or undefined when it can. */
  private measureError(measure: unknown): { field: string; message: string } | undefined {
    const received = this.figures.received();
    if (typeof measure === 'string' && received.includes(measure)) return undefined;
    return { field: 'measure', message: `measure must be one of ${received.join(', ') || '(none here)'}` };
  }

  private validate(request: RunRequest): { measure: string; months: string[] } {
    const received = this.figures.received();
    const measure = request.measure ?? (received.length === 1 ? received[0] : undefined);
    const errors: { field: string; message: string }[] = [];
    const measureError = this.measureError(measure);
    if (measureError) errors.push(measureError);
    const months = this.months(request, errors);
    if (errors.length > 0) throw new FieldValidationException(errors);
    return { measure: measure as string, months };
  }

  private months(
    range: { from?: string; to?: string },
    errors: { field: string; message: string }[],
  ): string[] {
    const now = new Date();
    const fallback = defaultRange(now);
    const to = range.to ?? (range.from && range.from > fallback.to ? range.from : fallback.to);
    const from = range.from ?? addMonths(to, -2);
    const latest = addMonths(billingMonthOf(now), 1);
    if (to > latest) errors.push({ field: 'to', message: `to must not be after ${latest}` });
    if (from > to) errors.push({ field: 'from', message: `from must not be after to (${to})` });
    const months = monthsBetween(from, to);
    if (months.length > MAX_RUN_MONTHS)
      errors.push({ field: 'from', message: `a run covers at most ${MAX_RUN_MONTHS} months` });
    return months;
  }
}
