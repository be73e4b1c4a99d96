import { Injectable } from '@nestjs/common';
import { EscalationRaiser, RaisedEscalations } from '@kaf/escalations';
import type { EntityManager } from 'typeorm';
import { SEGMENT_OVERDUE, segmentSubject, subjectOvertakenBy } from '../../domain/segment-escalation';
import type { CircuitOrderEntity } from '../circuit-order.entity';
import type { CircuitSegmentEntity } from '../circuit-segment.entity';

/**
 * Home city: the escalations of late segments, through `@kaf/escalations` (ADR 0045). A late
 * attempt is raised to the order's coordinator once (the raiser's unique key on subject, reason
 * and holder); the saga closes what the order has overtaken, and what the coordinator's request
 * answered once it is carried out.
 */
@Injectable()
export class SegmentEscalations {
  constructor(
    private readonly raiser: EscalationRaiser,
    private readonly raised: RaisedEscalations,
  ) {}

  /** Raises the late attempt of `segment` in `tx`: its id, or undefined when raised before. */
  raise(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segment: CircuitSegmentEntity,
    now: Date,
  ): Promise<string | undefined> {
    return this.raiser.raise(tx, {
      subjectType: 'circuitSegment',
      subjectId: segmentSubject(segment.id, segment.attempt),
      caseId: order.id,
      reason: SEGMENT_OVERDUE,
      to: order.coordinator,
      dueAt: segment.deadline,
      breachedAt: now,
      facts: {
        cityCode: order.homeNode,
        orderId: order.id,
        circuitId: order.circuitId,
        nodeCode: segment.nodeCode,
        role: segment.role,
        attempt: segment.attempt,
        segmentState: segment.state,
      },
    });
  }

  /** Closes the escalations of the order the order as it now stands has overtaken. */
  async settle(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: readonly CircuitSegmentEntity[],
  ): Promise<void> {
    const open = (await this.raised.ofCase(order.id, tx)).filter(
      (e) => e.subjectType === 'circuitSegment' && e.status !== 'closed',
    );
    const at = new Date();
    for (const e of open) {
      const why = subjectOvertakenBy(order.state, (id) => segments.find((s) => s.id === id), e.subjectId);
      if (why) await this.raiser.closeSubject(tx, e.subjectId, { at, why });
    }
  }

  /** The coordinator's re-dispatch of the segment's `attempt` is carried out. */
  redispatched(tx: EntityManager, segmentId: string, attempt: number): Promise<number> {
    return this.raiser.closeSubject(tx, segmentSubject(segmentId, attempt), {
      at: new Date(),
      why: 'redispatched',
    });
  }

  /** The coordinator's cancellation of the order is carried out. */
  cancelled(tx: EntityManager, order: CircuitOrderEntity): Promise<number> {
    return this.raiser.closeFor(tx, order.id, { at: new Date(), why: 'cancelled' });
  }
}
