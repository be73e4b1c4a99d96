import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { CircuitQuoteRequestSchema } from '@kaf/contracts';
import { CustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import {
  ConflictError,
  deadlinesToken,
  type DurableDeadlines,
  type FieldError,
  FieldValidationException,
  NotFoundError,
  uuidv7,
} from '@kaf/platform';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { planSegments, type SegmentPlan, SegmentPlanError } from '../domain/segment-plan';
import { ONE_STOP_POLICY_READER, type OneStopPolicyReader } from '../policy/one-stop-policy.reader';
import { QUOTE_TIMEOUTS } from './timeout/quote-timeout-queues';
import { CustomerCircuits } from '../circuits/customer-circuits';
import type { CircuitProduct } from '../domain/circuit-products';
import type { QuoteAction } from '../domain/quote-states';
import { CircuitQuoteLineEntity } from './circuit-quote-line.entity';
import { CircuitQuoteEntity } from './circuit-quote.entity';
import { isQuoteExpired } from '../domain/quote-states';
import { type CircuitQuoteView, toCircuitQuoteView } from './circuit-quote.view';
import { CircuitQuotesMetrics } from './circuit-quotes.metrics';
import type { ListCircuitQuotesQuery } from './list-circuit-quotes.query';
import type { RequestCircuitQuoteDto } from './request-circuit-quote.dto';

/**
 * Home city: quotes before order. A quote asks every node the plan gives a segment to for its
 * charges (in the transaction that records it); the replies fill its lines
 * (CircuitQuoteReplyHandler); the customer accepts a quoted one; an order claims it (CircuitQuotes).
 */
@Injectable()
export class CircuitQuotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    private readonly metrics: CircuitQuotesMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(ONE_STOP_POLICY_READER) private readonly policy: OneStopPolicyReader,
    @Inject(deadlinesToken(QUOTE_TIMEOUTS.queue)) private readonly timeouts: DurableDeadlines,
    private readonly circuits: CustomerCircuits,
  ) {}

  async request(scope: AccessScope, dto: RequestCircuitQuoteDto): Promise<CircuitQuoteView> {
    const action = dto.action ?? 'add';
    const problems = requestShapeProblems(dto, action);
    if (problems.length > 0) throw new FieldValidationException(problems);
    const added =
      action === 'add'
        ? {
            circuitId: null,
            product: dto.product!,
            aEndNode: dto.aEndNodeCode!,
            zEndNode: dto.zEndNodeCode!,
            plan: this.plan(dto.aEndNodeCode!, dto.zEndNodeCode!),
          }
        : undefined;
    // The policy in force now fixes when the answers are due; a later policy does not move it.
    const replySeconds = (await this.policy.current()).quoteReplySeconds;
    const view = await this.dataSource.transaction(async (tx) => {
      const customer = await this.customers.requireInScope(scope, dto.customerId, 'customerId', tx);
      if (customer.status === 'churned') {
        throw new ConflictError(`customerId: customer ${customer.id} has churned; it cannot be quoted`);
      }
      const subject = added ?? (await this.circuitToChange(tx, scope, customer.id, dto));
      const { plan } = subject;
      const id = uuidv7();
      await tx.getRepository(CircuitQuoteEntity).insert({
        id,
        cityCode: this.identity.code,
        customerId: customer.id,
        action,
        circuitId: subject.circuitId,
        product: subject.product,
        bandwidthMbps: dto.bandwidthMbps,
        aEndNode: subject.aEndNode,
        zEndNode: subject.zEndNode,
        state: 'requested',
        replySeconds,
        answerBy: new Date(Date.now() + replySeconds * 1000),
        stateReason: null,
        oneTimeTotalFen: null,
        monthlyTotalFen: null,
        validUntil: null,
        orderId: null,
        requestedBy: scope.principal.subject,
        quotedAt: null,
        acceptedAt: null,
        orderedAt: null,
      });
      await tx.getRepository(CircuitQuoteLineEntity).insert(
        plan.segments.map((s) => ({
          quoteId: id,
          role: s.role,
          nodeCode: s.nodeCode,
          feasible: null,
          reason: null,
          oneTimeFen: null,
          monthlyFen: null,
          tariffVersion: null,
          answeredAt: null,
        })),
      );
      // Keyed by quote id: a node's answers to one quote keep their order.
      await this.outbox.writeMany(
        tx,
        plan.segments.map((s) => ({
          schema: CircuitQuoteRequestSchema,
          payload: create(CircuitQuoteRequestSchema, {
            quoteId: id,
            role: s.role,
            homeNode: this.identity.code,
            product: subject.product,
            bandwidthMbps: dto.bandwidthMbps,
            aEndNode: subject.aEndNode,
            zEndNode: subject.zEndNode,
            action,
            circuitId: subject.circuitId ?? '',
          }),
          target: s.nodeCode,
          key: id,
        })),
      );
      const after = await this.load(tx, id);
      await this.audit.record(tx, scope.principal, {
        action: 'circuit-quote.create',
        resourceType: 'circuit-quote',
        resourceId: id,
        after,
      });
      return after;
    });
    this.metrics.requested.inc();
    // After the commit: a Redis failure costs at most a reconcile interval.
    await this.timeouts.armQuietly(view.id, new Date(view.answerBy));
    return view;
  }

  async list(
    scope: AccessScope,
    query: ListCircuitQuotesQuery,
  ): Promise<{ items: CircuitQuoteView[]; total: number }> {
    const qb = await this.scoped(this.dataSource.manager, scope);
    if (query.customerId) qb.andWhere('q.customer_id = :cid', { cid: query.customerId });
    if (query.state) qb.andWhere('q.state = :state', { state: query.state });
    const [rows, total] = await qb
      .orderBy('q.created_at', 'DESC')
      .addOrderBy('q.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const lines = await this.linesOf(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    const now = new Date();
    return { items: rows.map((r) => toCircuitQuoteView(r, lines.get(r.id) ?? [], now)), total };
  }

  async get(scope: AccessScope, id: string): Promise<CircuitQuoteView> {
    const row = await (
      await this.scoped(this.dataSource.manager, scope)
    )
      .andWhere('q.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError(`no circuit quote ${id}`);
    return this.load(this.dataSource.manager, row.id, row);
  }

  /** The customer accepted: only a quoted quote still valid. */
  async accept(scope: AccessScope, id: string): Promise<CircuitQuoteView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await (
        await this.scoped(tx, scope)
      )
        .andWhere('q.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!row) throw new NotFoundError(`no circuit quote ${id}`);
      if (row.state !== 'quoted') {
        throw new ConflictError(
          `state: circuit quote ${id} is ${row.state}; only a quoted quote can be accepted`,
        );
      }
      if (isQuoteExpired(row)) {
        throw new ConflictError(
          `validUntil: circuit quote ${id} expired at ${row.validUntil!.toISOString()}`,
        );
      }
      const before = await this.load(tx, id, row);
      row.state = 'accepted';
      row.acceptedAt = new Date();
      const saved = await tx.getRepository(CircuitQuoteEntity).save(row);
      const after = await this.load(tx, id, saved);
      await this.audit.record(tx, scope.principal, {
        action: 'circuit-quote.accept',
        resourceType: 'circuit-quote',
        resourceId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * The circuit a modify quote prices a new bandwidth for: the customer's (404 naming
   * `circuitId` otherwise, also for one out of reach), in service (409), and a bandwidth other
   * than its own (400). Its product and ends are the quote's; the plan of its segments says whom
   * to ask.
   */
  private async circuitToChange(
    tx: EntityManager,
    scope: AccessScope,
    customerId: string,
    dto: RequestCircuitQuoteDto,
  ): Promise<{
    circuitId: string;
    product: CircuitProduct;
    aEndNode: string;
    zEndNode: string;
    plan: SegmentPlan;
  }> {
    const circuit = await this.circuits.requireInService(tx, scope, customerId, dto.circuitId!);
    if (circuit.bandwidthMbps === dto.bandwidthMbps) {
      throw new FieldValidationException([
        {
          field: 'bandwidthMbps',
          message: `circuit ${circuit.circuitId} already has ${circuit.bandwidthMbps} Mbps; a bandwidth change names another`,
        },
      ]);
    }
    let plan: SegmentPlan;
    try {
      plan = planSegments(this.topology, circuit.aEndNode, circuit.zEndNode);
    } catch (error) {
      if (!(error instanceof SegmentPlanError)) throw error;
      throw new ConflictError(
        `circuitId: circuit ${circuit.circuitId} cannot be planned again: ${error.message}`,
      );
    }
    return {
      circuitId: circuit.circuitId,
      product: circuit.product,
      aEndNode: circuit.aEndNode,
      zEndNode: circuit.zEndNode,
      plan,
    };
  }

  private plan(aEnd: string, zEnd: string): SegmentPlan {
    try {
      return planSegments(this.topology, aEnd, zEnd);
    } catch (error) {
      if (error instanceof SegmentPlanError) {
        const field = error.field === 'aEnd.nodeCode' ? 'aEndNodeCode' : 'zEndNodeCode';
        throw new FieldValidationException([{ field, message: error.message }]);
      }
      throw error;
    }
  }

  private async load(
    manager: EntityManager,
    id: string,
    row?: CircuitQuoteEntity,
  ): Promise<CircuitQuoteView> {
    const quote = row ?? (await manager.getRepository(CircuitQuoteEntity).findOneByOrFail({ id }));
    const lines = await this.linesOf(manager, [id]);
    return toCircuitQuoteView(quote, lines.get(id) ?? []);
  }

  private async linesOf(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, CircuitQuoteLineEntity[]>> {
    const byQuote = new Map<string, CircuitQuoteLineEntity[]>();
    if (ids.length === 0) return byQuote;
    const lines = await manager
      .getRepository(CircuitQuoteLineEntity)
      .createQueryBuilder('l')
      .where('l.quote_id = ANY(:ids)', { ids })
      .getMany();
    for (const line of lines) byQuote.set(line.quoteId, [...(byQuote.get(line.quoteId) ?? []), line]);
    return byQuote;
  }

  /** Quotes of this city within the scope; an account manager sees their customers' ones. */
  private async scoped(
    manager: EntityManager,
    scope: AccessScope,
  ): Promise<SelectQueryBuilder<CircuitQuoteEntity>> {
    const qb = manager
      .getRepository(CircuitQuoteEntity)
      .createQueryBuilder('q')
      .where('q.city_code = ANY(:cities)', { cities: [...scope.cityCodes()] });
    if (scope.portfolioOf !== undefined) {
      const ids = await this.customers.portfolioCustomerIds(scope.portfolioOf, manager);
      qb.andWhere('q.customer_id = ANY(:ids)', { ids });
    }
    return qb;
  }
}

/** What an add names and a modify takes from its circuit: each field given where it does not belong. */
function requestShapeProblems(dto: RequestCircuitQuoteDto, action: QuoteAction): FieldError[] {
  if (action === 'add') {
    return dto.circuitId === undefined
      ? []
      : [{ field: 'circuitId', message: 'is for a modify quote only; a new circuit has none yet' }];
  }
  return (['product', 'aEndNodeCode', 'zEndNodeCode'] as const)
    .filter((field) => dto[field] !== undefined)
    .map((field) => ({
      field,
      message: 'must not be given for a modify quote: the circuit’s own is priced',
    }));
}
