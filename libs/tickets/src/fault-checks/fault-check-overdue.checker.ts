import { Inject, Injectable } from '@nestjs/common';
import { EscalationRaiser } from '@kaf/escalations';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import type { DeadlineKind, DeadlineOutcome, OpenDeadline } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { FaultChecksRepository } from './fault-checks.repository';
import { TicketFaultCheckEntity } from './ticket-fault-check.entity';

/**
 * A check whose node has not answered by its due time is overdue: marked so once (the state
 * moves from sent), escalated to the coordinator of the circuit's order (reason checkOverdue,
 * raised once per check) and the coordinator's copy of the ticket shows it. The durable deadline
 * (ADR 0046) fires it; a second firing finds the check no longer sent and does nothing.
 */
@Injectable()
export class FaultCheckOverdueChecker implements DeadlineKind {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FaultChecksRepository,
    private readonly escalations: EscalationRaiser,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async listOpen(after: string, limit: number): Promise<OpenDeadline[]> {
    const rows: { id: string; due_at: Date }[] = await this.dataSource.query(
      `SELECT id::text AS id, due_at FROM ticket_fault_check
        WHERE state = 'sent' AND id::text > $1 ORDER BY id::text LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({ id: r.id, dueAt: new Date(r.due_at) }));
  }

  check(id: string, now: Date): Promise<DeadlineOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const check = await tx
        .getRepository(TicketFaultCheckEntity)
        .createQueryBuilder('c')
        .where('c.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!check || check.state !== 'sent') return { kind: 'done' };
      if (check.dueAt > now) return { kind: 'notDue', at: check.dueAt };
      check.state = 'overdue';
      check.escalatedAt = now;
      await this.store.save(tx, check);
      await this.escalations.raise(tx, {
        subjectType: 'faultCheck',
        subjectId: check.id,
        caseId: check.ticketId,
        reason: 'checkOverdue',
        to: check.coordinator,
        dueAt: check.dueAt,
        breachedAt: now,
        facts: {
          cityCode: this.identity.code,
          ticketType: 'fault',
          circuitId: check.circuitId,
          orderId: check.orderId,
          nodeCode: check.nodeCode,
        },
      });
      await this.store.tellCoordinator(tx, check.ticketId);
      return { kind: 'done' };
    });
  }
}
