import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import { FieldValidationException, ConflictError } from '@kaf/platform';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { quoteMismatches } from '../../domain/order-quote-terms';
import { planSegments, type SegmentPlan, SegmentPlanError } from '../../domain/segment-plan';
import {
  ONE_STOP_POLICY_READER,
  type OneStopPolicy,
  type OneStopPolicyReader,
  slaSecondsOf,
} from '../../policy/one-stop-policy.reader';
import { CircuitQuotes } from '../../quotes/circuit-quotes';
import { CircuitOrderEntity } from '../circuit-order.entity';
import { CircuitOrderRepository } from '../circuit-order.repository';
import { CircuitOrdersMetrics } from '../circuit-orders.metrics';
import { CircuitSegmentEntity } from '../circuit-segment.entity';
import { CircuitOrderMessages } from '../saga/circuit-order.messages';
import { SlaTimerScheduler } from '../sla/sla-timer.scheduler';
import { type CircuitOrderView, toAuditedCircuitOrder } from './circuit-order.view';
import { CircuitOrderQueries } from './circuit-order.queries';
import { checkPricing, checkRequestedDate, fingerprintOf } from './circuit-order-request';
import type { CreateCircuitOrderDto } from './create-circuit-order.dto';

export interface CreatedOrder {
  view: CircuitOrderView;
  /** False when the request repeated an earlier one (same externalId and body). */
  created: boolean;
}

const EXTERNAL_ID_KEY = 'circuit_order_customer_external_key';

/**
 * Takes a circuit order at the home city (一站式受理). In one transaction: the order
 * (`acknowledged`), its segments (attempt 1, `dispatched`, SLA deadlines from the policy), their
 * history, one SegmentWorkRequested per segment, the order's status for its coordinator and the
 * audit entry. SLA timers are scheduled after the commit; the reconciler makes up for a failure.
 */
@Injectable()
export class CreateCircuitOrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly quotes: CircuitQuotes,
    private readonly audit: AuditTrail,
    private readonly store: CircuitOrderRepository,
    private readonly messages: CircuitOrderMessages,
    private readonly queries: CircuitOrderQueries,
    private readonly timers: SlaTimerScheduler,
    private readonly metrics: CircuitOrdersMetrics,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(ONE_STOP_POLICY_READER) private readonly policies: OneStopPolicyReader,
  ) {}

  async execute(scope: AccessScope, dto: CreateCircuitOrderDto): Promise<CreatedOrder> {
    checkPricing(dto);
    checkRequestedDate(dto.requestedCompletionDate);
    const plan = this.plan(dto);
    const fingerprint = fingerprintOf(dto);
    const policy = await this.policies.current();
    let result: { created: CreatedOrder; segments: CircuitSegmentEntity[] };
    try {
      result = await this.dataSource.transaction((tx) =>
        this.create(tx, scope, dto, plan, policy, fingerprint),
      );
    } catch (error) {
      // A concurrent twin of this request won the externalId: answer with its order.
      if (isUniqueViolation(error, EXTERNAL_ID_KEY) && dto.externalId) {
        return this.dataSource.transaction(async (tx) => {
          const existing = await this.findRepeat(tx, dto.customerId, dto.externalId!, fingerprint);
          if (!existing) throw error;
          return existing;
        });
      }
      throw error;
    }
    await this.timers.ensureQuietly(
      result.segments.map((s) => ({ segmentId: s.id, attempt: s.attempt, deadline: s.deadline })),
    );
    return result.created;
  }

  private async create(
    tx: EntityManager,
    scope: AccessScope,
    dto: CreateCircuitOrderDto,
    plan: SegmentPlan,
    policy: OneStopPolicy,
    fingerprint: string,
  ): Promise<{ created: CreatedOrder; segments: CircuitSegmentEntity[] }> {
    const customer = await this.customers.requireInScope(scope, dto.customerId, 'customerId', tx);
    if (customer.status === 'suspended' || customer.status === 'churned') {
      throw new FieldValidationException(
        [{ field: 'customerId', message: `the customer is ${customer.status}: it cannot order a circuit` }],
        { code: 'unprocessable', title: 'Customer cannot order' },
      );
    }
    if (dto.externalId) {
      // Twins of one request queue here until the first commits, then find its order. Without
      // this, a twin naming a quote would wait on the quote's lock instead and be told the quote
      // was already ordered (409), never reaching the externalId's unique key.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `circuit_order_external:${customer.id}:${dto.externalId}`,
      ]);
      const repeat = await this.findRepeat(tx, customer.id, dto.externalId, fingerprint);
      if (repeat) return { created: repeat, segments: [] };
    }
    const orderId = uuidv7();
    const charges = await this.charges(tx, dto, customer.id, orderId);
    const now = new Date();
    const order = tx.getRepository(CircuitOrderEntity).create({
      id: orderId,
      homeNode: this.node.code,
      customerId: customer.id,
      customerName: customer.name,
      externalId: dto.externalId ?? null,
      requestFingerprint: fingerprint,
      action: 'add',
      circuitId: uuidv7(),
      baseVersion: null,
      ceaseDate: null,
      product: dto.product,
      bandwidthMbps: dto.bandwidthMbps,
      aEndNode: dto.aEnd.nodeCode,
      aEndAddress: dto.aEnd.siteAddress,
      aEndContactName: dto.aEnd.contactName,
      aEndContactPhone: dto.aEnd.contactPhone,
      zEndNode: dto.zEnd.nodeCode,
      zEndAddress: dto.zEnd.siteAddress,
      zEndContactName: dto.zEnd.contactName,
      zEndContactPhone: dto.zEnd.contactPhone,
      transitNode: plan.transitNode ?? null,
      coordinator: plan.coordinator,
      requestedCompletionDate: dto.requestedCompletionDate,
      notes: dto.notes ?? null,
      quoteId: dto.quoteId ?? null,
      oneTimeChargeFen: charges.oneTimeChargeFen,
      monthlyChargeFen: charges.monthlyChargeFen,
      state: 'acknowledged',
      stateReason: null,
      expectedCompletionDate: null,
      completionDate: null,
      completedAt: null,
      heldAt: null,
      heldFrom: null,
      version: 1,
      createdBy: scope.principal.subject,
    });
    const segments = plan.segments.map((planned) =>
      tx.getRepository(CircuitSegmentEntity).create({
        id: uuidv7(),
        orderId,
        role: planned.role,
        nodeCode: planned.nodeCode,
        attempt: 1,
        state: 'dispatched',
        statusVersion: 0n,
        workOrderId: null,
        refusedOnReceipt: false,
        reason: null,
        expectedCompletionDate: null,
        circuitId: null,
        handover: null,
        deadline: new Date(now.getTime() + slaSecondsOf(policy, dto.product, planned.role) * 1000),
        dispatchedAt: now,
        acknowledgedAt: null,
      }),
    );
    await tx.getRepository(CircuitOrderEntity).insert(order);
    await tx.getRepository(CircuitSegmentEntity).insert(segments);
    const actor = { source: 'api' as const, actor: scope.principal.subject };
    await this.store.record(tx, [
      { orderId, toState: 'acknowledged', ...actor },
      ...segments.map((s) => ({
        orderId,
        segmentId: s.id,
        role: s.role,
        nodeCode: s.nodeCode,
        attempt: 1,
        toState: 'dispatched',
        ...actor,
      })),
    ]);
    await this.messages.workRequested(tx, order, segments);
    await this.messages.orderStatus(tx, order, segments);
    const view = await this.queries.viewOf(tx, order);
    await this.audit.record(tx, scope.principal, {
      action: 'circuit-order.create',
      resourceType: 'circuit-order',
      resourceId: orderId,
      after: toAuditedCircuitOrder(view),
    });
    this.metrics.transitions.inc({ from: 'none', to: 'acknowledged' });
    return { created: { view, created: true }, segments };
  }

  /** The order an earlier request with this reference created; 409 if it asked for something else. */
  private async findRepeat(
    tx: EntityManager,
    customerId: string,
    externalId: string,
    fingerprint: string,
  ): Promise<CreatedOrder | undefined> {
    const existing = await tx.getRepository(CircuitOrderEntity).findOneBy({ customerId, externalId });
    if (!existing) return undefined;
    if (existing.requestFingerprint !== fingerprint) {
      throw new ConflictError(
        `externalId: ${externalId} already names order ${existing.id} of this customer, which was asked with different terms`,
      );
    }
    return { view: await this.queries.viewOf(tx, existing), created: false };
  }

  private async charges(
    tx: EntityManager,
    dto: CreateCircuitOrderDto,
    customerId: string,
    orderId: string,
  ): Promise<{ oneTimeChargeFen: bigint; monthlyChargeFen: bigint }> {
    if (!dto.quoteId) {
      return {
        oneTimeChargeFen: BigInt(dto.oneTimeChargeFen!),
        monthlyChargeFen: BigInt(dto.monthlyChargeFen!),
      };
    }
    const quote = await this.quotes.claimAccepted(tx, dto.quoteId, customerId, orderId);
    const mismatches = quoteMismatches(
      {
        product: dto.product,
        bandwidthMbps: dto.bandwidthMbps,
        aEndNode: dto.aEnd.nodeCode,
        zEndNode: dto.zEnd.nodeCode,
      },
      quote,
    );
    if (mismatches.length) {
      throw new FieldValidationException(mismatches, {
        code: 'unprocessable',
        title: 'Order does not match its quote',
      });
    }
    return { oneTimeChargeFen: quote.oneTimeChargeFen, monthlyChargeFen: quote.monthlyChargeFen };
  }

  private plan(dto: CreateCircuitOrderDto): SegmentPlan {
    try {
      return planSegments(this.topology, dto.aEnd.nodeCode, dto.zEnd.nodeCode);
    } catch (error) {
      if (error instanceof SegmentPlanError) {
        throw new FieldValidationException([{ field: error.field, message: error.message }], {
          code: 'unprocessable',
          title: 'Circuit cannot be planned',
        });
      }
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === constraint;
}
