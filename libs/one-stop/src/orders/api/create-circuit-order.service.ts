import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import {
  FieldValidationException,
  ConflictError,
  deadlinesToken,
  type DurableDeadlines,
} from '@kaf/platform';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { changeTerms, type CircuitEnd } from '../../domain/change-terms';
import type { CircuitProduct } from '../../domain/circuit-products';
import { quoteMismatches } from '../../domain/order-quote-terms';
import { CustomerCircuits } from '../../circuits/customer-circuits';
import { CircuitTariffsService } from '../../tariffs/circuit-tariffs.service';
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
import { SLA_CHECKS } from '../circuit-orders-queues';
import { armSlaTimers } from '../sla/sla-timers';
import { type CircuitOrderView, toAuditedCircuitOrder } from './circuit-order.view';
import { CircuitOrderQueries } from './circuit-order.queries';
import { checkAction, checkPricing, checkRequestedDate, fingerprintOf } from './circuit-order-request';
import { type CreateCircuitOrderDto, isChange } from './create-circuit-order.dto';

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
    @Inject(deadlinesToken(SLA_CHECKS.queue)) private readonly timers: DurableDeadlines,
    private readonly circuits: CustomerCircuits,
    private readonly tariffs: CircuitTariffsService,
    private readonly metrics: CircuitOrdersMetrics,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(ONE_STOP_POLICY_READER) private readonly policies: OneStopPolicyReader,
  ) {}

  async execute(scope: AccessScope, dto: CreateCircuitOrderDto): Promise<CreatedOrder> {
    checkAction(dto);
    checkPricing(dto);
    checkRequestedDate(dto.requestedCompletionDate ?? dto.ceaseDate!);
    const fingerprint = fingerprintOf(dto);
    const policy = await this.policies.current();
    let result: { created: CreatedOrder; segments: CircuitSegmentEntity[] };
    try {
      result = await this.dataSource.transaction((tx) => this.create(tx, scope, dto, policy, fingerprint));
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
    await armSlaTimers(
      this.timers,
      result.segments.map((s) => ({ segmentId: s.id, attempt: s.attempt, deadline: s.deadline })),
    );
    return result.created;
  }

  private async create(
    tx: EntityManager,
    scope: AccessScope,
    dto: CreateCircuitOrderDto,
    policy: OneStopPolicy,
    fingerprint: string,
  ): Promise<{ created: CreatedOrder; segments: CircuitSegmentEntity[] }> {
    const customer = await this.customers.requireInScope(scope, dto.customerId, 'customerId', tx);
    // A suspended customer may still cease a circuit; it may not order or change one.
    if (customer.status === 'churned' || (customer.status === 'suspended' && dto.action !== 'delete')) {
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
    const terms = await this.termsOf(tx, scope, dto);
    const charges =
      dto.action === 'delete'
        ? { oneTimeChargeFen: 0n, monthlyChargeFen: terms.monthlyChargeFen }
        : await this.charges(tx, dto, terms, customer.id, orderId);
    const now = new Date();
    const order = tx.getRepository(CircuitOrderEntity).create({
      id: orderId,
      homeNode: this.node.code,
      customerId: customer.id,
      customerName: customer.name,
      externalId: dto.externalId ?? null,
      requestFingerprint: fingerprint,
      action: dto.action ?? 'add',
      circuitId: terms.circuitId,
      baseVersion: terms.baseVersion,
      ceaseDate: dto.action === 'delete' ? dto.ceaseDate! : null,
      product: terms.product,
      bandwidthMbps: terms.bandwidthMbps,
      aEndNode: terms.aEnd.nodeCode,
      aEndAddress: terms.aEnd.siteAddress,
      aEndContactName: terms.aEnd.contactName,
      aEndContactPhone: terms.aEnd.contactPhone,
      zEndNode: terms.zEnd.nodeCode,
      zEndAddress: terms.zEnd.siteAddress,
      zEndContactName: terms.zEnd.contactName,
      zEndContactPhone: terms.zEnd.contactPhone,
      transitNode: terms.plan.transitNode ?? null,
      coordinator: terms.plan.coordinator,
      requestedCompletionDate: dto.requestedCompletionDate ?? dto.ceaseDate!,
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
    const segments = terms.plan.segments.map((planned) =>
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
        deadline: new Date(now.getTime() + slaSecondsOf(policy, terms.product, planned.role) * 1000),
        dispatchedAt: now,
        acknowledgedAt: null,
      }),
    );
    await tx.getRepository(CircuitOrderEntity).insert(order);
    if (terms.baseVersion !== null) await this.circuits.markPending(tx, terms.circuitId, orderId);
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
    terms: OrderTerms,
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
        product: terms.product,
        bandwidthMbps: terms.bandwidthMbps,
        aEndNode: terms.aEnd.nodeCode,
        zEndNode: terms.zEnd.nodeCode,
        action: dto.action ?? 'add',
        circuitId: terms.circuitId,
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

  /**
   * What the order is for: a new circuit from the request, or a circuit in service as the change
   * would leave it (locked, in service, no other change in flight), with the segments to work.
   */
  private async termsOf(
    tx: EntityManager,
    scope: AccessScope,
    dto: CreateCircuitOrderDto,
  ): Promise<OrderTerms> {
    if (!isChange(dto)) {
      return {
        circuitId: uuidv7(),
        baseVersion: null,
        product: dto.product,
        bandwidthMbps: dto.bandwidthMbps,
        aEnd: dto.aEnd,
        zEnd: dto.zEnd,
        plan: this.plan(dto.aEnd.nodeCode, dto.zEnd.nodeCode),
        monthlyChargeFen: 0n,
      };
    }
    const circuit = await this.circuits.requireChangeable(tx, scope, dto.customerId, dto.circuitId!);
    const current = await this.currentOrderOf(tx, circuit.circuitId);
    const plan = this.plan(circuit.aEndNode, circuit.zEndNode);
    const change = changeTerms(
      {
        product: circuit.product,
        bandwidthMbps: circuit.bandwidthMbps,
        aEnd: endOf(current, 'a'),
        zEnd: endOf(current, 'z'),
        roles: plan.segments.map((s) => s.role),
      },
      { action: dto.action as 'modify' | 'delete', ...pick(dto) },
    );
    if ('errors' in change) {
      throw new FieldValidationException(change.errors, {
        code: 'unprocessable',
        title: 'Circuit cannot be changed so',
      });
    }
    const { terms } = change;
    await this.checkOwnTariff(tx, circuit.product, terms.bandwidthMbps, circuit.bandwidthMbps, plan);
    return {
      circuitId: circuit.circuitId,
      baseVersion: circuit.version,
      product: circuit.product,
      bandwidthMbps: terms.bandwidthMbps,
      aEnd: terms.aEnd,
      zEnd: terms.zEnd,
      plan: { ...plan, segments: plan.segments.filter((s) => terms.roles.includes(s.role)) },
      monthlyChargeFen: circuit.monthlyChargeFen,
    };
  }

  /**
   * A new bandwidth beyond this city's own tariff limit, where it carries a segment, is refused at
   * once; the other carrying nodes refuse it on receipt of the work (the order is then rejected
   * and the circuit stays as it was), and a modify quote is infeasible there before any order.
   */
  private async checkOwnTariff(
    tx: EntityManager,
    product: CircuitProduct,
    bandwidthMbps: number,
    before: number,
    plan: SegmentPlan,
  ): Promise<void> {
    if (bandwidthMbps === before || !plan.segments.some((s) => s.nodeCode === this.node.code)) return;
    const tariff = await this.tariffs.current(product, tx);
    if (tariff && bandwidthMbps > tariff.maxBandwidthMbps) {
      throw new FieldValidationException([
        {
          field: 'bandwidthMbps',
          message: `${bandwidthMbps} Mbps is beyond ${this.node.code}'s tariff limit of ${tariff.maxBandwidthMbps} Mbps for ${product}`,
        },
      ]);
    }
  }

  /** The order whose sites the circuit has now: the latest that made a version of it. */
  private async currentOrderOf(tx: EntityManager, circuitId: string): Promise<CircuitOrderEntity> {
    const [row] = await tx.query<{ order_id: string }[]>(
      `SELECT v.order_id FROM customer_circuit_version v
        WHERE v.circuit_id = $1 AND v.action <> 'delete'
        ORDER BY v.version DESC LIMIT 1`,
      [circuitId],
    );
    const order = row && (await tx.getRepository(CircuitOrderEntity).findOneBy({ id: row.order_id }));
    if (!order) throw new Error(`circuit ${circuitId} has no order that made it`);
    return order;
  }

  private plan(aEndNode: string, zEndNode: string): SegmentPlan {
    try {
      return planSegments(this.topology, aEndNode, zEndNode);
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

/** The order's terms once the circuit it makes or changes is known. */
interface OrderTerms {
  circuitId: string;
  /** For a change: the version in force it was taken on. */
  baseVersion: number | null;
  product: CircuitProduct;
  bandwidthMbps: number;
  aEnd: CircuitEnd;
  zEnd: CircuitEnd;
  /** The segments to work: every one for a new circuit or a cease, fewer for some changes. */
  plan: SegmentPlan;
  /** For a change: the circuit's monthly charge now. */
  monthlyChargeFen: bigint;
}

function endOf(order: CircuitOrderEntity, end: 'a' | 'z'): CircuitEnd {
  return end === 'a'
    ? {
        nodeCode: order.aEndNode,
        siteAddress: order.aEndAddress,
        contactName: order.aEndContactName,
        contactPhone: order.aEndContactPhone,
      }
    : {
        nodeCode: order.zEndNode,
        siteAddress: order.zEndAddress,
        contactName: order.zEndContactName,
        contactPhone: order.zEndContactPhone,
      };
}

/** The terms a change request gives (undefined when not given). */
function pick(dto: CreateCircuitOrderDto) {
  return {
    ...(dto.product !== undefined ? { product: dto.product } : {}),
    ...(dto.bandwidthMbps !== undefined ? { bandwidthMbps: dto.bandwidthMbps } : {}),
    ...(dto.aEnd !== undefined ? { aEnd: dto.aEnd } : {}),
    ...(dto.zEnd !== undefined ? { zEnd: dto.zEnd } : {}),
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === constraint;
}
