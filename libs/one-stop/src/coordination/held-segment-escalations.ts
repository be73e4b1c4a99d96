import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { CircuitSlaBreached } from '@kaf/contracts';
import {
  EscalationAdmissions,
  type EscalationRecord,
  HeldEscalations,
  type HeldEscalationRow,
} from '@kaf/escalations';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import type { EntityManager } from 'typeorm';
import { homeCitySenderRefusal, UUID } from '../domain/home-city-sender';
import type { OrderState } from '../domain/order-states';
import {
  overtakenBy,
  SEGMENT_OVERDUE,
  segmentOfSubject,
  segmentSubject,
  subjectOvertakenBy,
} from '../domain/segment-escalation';
import type { CoordinatedSegment } from './coordinated-circuit-order.entity';
import type { StoredOrderHead } from './coordinated-orders.repository';
import { instantOf, unreportedSegmentRefusal } from './coordination-admission';
import { requestNote } from './one-stop-escalation.view';

/**
 * Coordinator: the late segments held here, in `held_escalation` (subject type `circuitSegment`,
 * ADR 0045). Registers who may raise them (the home city of an order this node coordinates, which
 * may lie in another province), acknowledges them when the coordinator acts, and closes those the
 * home city's order status has overtaken.
 */
@Injectable()
export class HeldSegmentEscalations implements OnModuleInit {
  constructor(
    private readonly held: HeldEscalations,
    private readonly admissions: EscalationAdmissions,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.admissions.register('circuitSegment', (tx, e, source) => this.refusal(tx, e, source));
  }

  /**
   * Why `source` may not raise (or close) `e` here: it must be the home city of the order, as the
   * order's status stored here has it; before any status, the segment must be one this node can
   * coordinate.
   */
  async refusal(tx: EntityManager, e: EscalationRecord, source: string): Promise<string | undefined> {
    const what = `escalation ${e.id}`;
    const sender = homeCitySenderRefusal(this.topology, source, e.facts.cityCode, what);
    if (sender) return sender;
    if (!UUID.test(e.caseId) || !segmentOfSubject(e.subjectId)) {
      return `${what}: subject ${JSON.stringify(e.subjectId)} of case ${JSON.stringify(e.caseId)} is not <segmentId>/<attempt> of an order`;
    }
    const [order] = await tx.query<{ home_node: string }[]>(
      `SELECT home_node FROM coordinated_circuit_order WHERE order_id = $1`,
      [e.caseId],
    );
    if (order) {
      return order.home_node === source
        ? undefined
        : `${what}: order ${e.caseId} belongs to ${order.home_node}, not ${source}`;
    }
    return unreportedSegmentRefusal(
      what,
      e.facts.role ?? '',
      e.facts.nodeCode ?? '',
      this.identity.code,
      this.topology,
    );
  }

  /**
   * Holds the escalation a CircuitSlaBreached carries (a home city not yet upgraded; the message
   * is retired one release later): once per segment attempt, whatever its id, and closed at once
   * when the order as stored here has overtaken it. True when new.
   */
  async holdBreach(
    tx: EntityManager,
    breach: CircuitSlaBreached,
    order: StoredOrderHead | undefined,
  ): Promise<boolean> {
    const segmentId = breach.segmentId.toLowerCase();
    const subjectId = segmentSubject(segmentId, breach.attempt);
    const [known] = await tx.query<{ id: string }[]>(
      `SELECT id FROM held_escalation
        WHERE subject_type = 'circuitSegment' AND subject_id = $1 AND reason = $2 AND raised_by = $3`,
      [subjectId, SEGMENT_OVERDUE, breach.homeNode],
    );
    if (known) return false;
    const breachedAt = instantOf(breach.breachedAt)!;
    const orderId = breach.orderId.toLowerCase();
    const why =
      order &&
      overtakenBy(
        order.state,
        order.segments.find((s) => s.segmentId === segmentId),
        breach.attempt,
      );
    return this.held.hold(
      tx,
      {
        id: breach.escalationId.toLowerCase(),
        subjectType: 'circuitSegment',
        subjectId,
        caseId: orderId,
        reason: SEGMENT_OVERDUE,
        raisedBy: breach.homeNode,
        holder: this.identity.code,
        dueAt: instantOf(breach.deadline) ?? breachedAt,
        breachedAt,
        raisedAt: breachedAt,
        facts: {
          cityCode: breach.homeNode,
          orderId,
          nodeCode: breach.nodeCode,
          role: breach.role,
          attempt: breach.attempt,
          segmentState: breach.segmentState,
        },
      },
      why ? { at: new Date(), why } : undefined,
    );
  }

  /**
   * Closes the open escalations of the order that its status from the home city has overtaken.
   * The status is the home city's word as much as its EscalationClosed, by the same rule
   * (`overtakenBy`): whichever comes first closes, the other changes nothing. It is also what
   * closes the escalations of a home city not yet upgraded, which sends no EscalationClosed.
   */
  async settle(
    tx: EntityManager,
    order: { orderId: string; homeNode: string; state: OrderState; segments: readonly CoordinatedSegment[] },
  ): Promise<void> {
    const open = await tx.query<{ id: string; subject_id: string }[]>(
      `SELECT id, subject_id FROM held_escalation
        WHERE subject_type = 'circuitSegment' AND case_id = $1 AND raised_by = $2 AND status = 'open'
        ORDER BY id`,
      [order.orderId, order.homeNode],
    );
    const at = new Date();
    for (const e of open) {
      const why = subjectOvertakenBy(
        order.state,
        (id) => order.segments.find((s) => s.segmentId === id),
        e.subject_id,
      );
      if (why) await this.held.close(tx, e.id, { at, why });
    }
  }

  /**
   * The coordinator acts on the order (a re-dispatch of one segment, or a cancel): its open
   * escalations (of that segment) are acknowledged by the staff member, noting the request, and
   * the home city is told; it closes them when it carries the request out. Their ids.
   */
  async acknowledgeForRequest(
    tx: EntityManager,
    orderId: string,
    segmentId: string | undefined,
    by: string,
    requestId: string,
  ): Promise<string[]> {
    const rows = await tx.query<HeldEscalationRow[]>(
      `SELECT * FROM held_escalation
        WHERE subject_type = 'circuitSegment' AND case_id = $1 AND status = 'open'
          AND ($2::text IS NULL OR split_part(subject_id, '/', 1) = $2::text)
        ORDER BY id
        FOR UPDATE`,
      [orderId, segmentId ?? null],
    );
    const at = new Date();
    for (const row of rows) await this.held.acknowledge(tx, row, { by, at, note: requestNote(requestId) });
    return rows.map((r) => r.id).sort();
  }
}
