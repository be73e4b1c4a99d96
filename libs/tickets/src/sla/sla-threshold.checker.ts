import { Inject, Injectable, Logger } from '@nestjs/common';
import { CustomerDirectory } from '@kaf/customers';
import { EscalationRaiser } from '@kaf/escalations';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import type { DeadlineKind, DeadlineOutcome, OpenDeadline } from '@kaf/platform';
import { TasksService } from '@kaf/visits';
import { DataSource, type EntityManager } from 'typeorm';
import { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import { actionOf, breachReason } from './sla-thresholds';
import { TicketSlaClockEntity } from './ticket-sla-clock.entity';
import { TicketSlaThresholdEntity } from './ticket-sla-threshold.entity';

/**
 * The thresholds of one SLA clock, a durable deadline (ADR 0046): in one transaction with the
 * clock locked, every unfired threshold whose time has come is marked fired and acted on (a
 * warning task, an escalation), so a second firing — the reconciler, another replica, a job
 * replayed after a crash — finds nothing left to do: each threshold fires once per ticket.
 */
@Injectable()
export class SlaThresholdChecker implements DeadlineKind {
  private readonly logger = new Logger(SlaThresholdChecker.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly escalations: EscalationRaiser,
    private readonly customers: CustomerDirectory,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  /** Running clocks (the partial index covers them) with the time of their next unfired threshold. */
  async listOpen(after: string, limit: number): Promise<OpenDeadline[]> {
    const rows: { id: string; due_at: Date }[] = await this.dataSource.query(
      `SELECT c.id, min(t.due_at) AS due_at
         FROM ticket_sla_clock c
         JOIN ticket_sla_threshold t
           ON t.ticket_id = c.ticket_id AND t.target = c.target AND t.fired_at IS NULL
        WHERE c.met_at IS NULL AND c.stopped_at IS NULL AND c.paused_since IS NULL
          AND c.id > COALESCE(NULLIF($1, '')::uuid, '00000000-0000-0000-0000-000000000000')
        GROUP BY c.id
        ORDER BY c.id
        LIMIT $2`,
      [after, limit],
    );
    return rows.map((row) => ({ id: row.id, dueAt: new Date(row.due_at) }));
  }

  async check(clockId: string, now: Date): Promise<DeadlineOutcome> {
    return this.dataSource.transaction(async (tx): Promise<DeadlineOutcome> => {
      const clock = await tx
        .getRepository(TicketSlaClockEntity)
        .createQueryBuilder('c')
        .where('c.id = :clockId', { clockId })
        .setLock('pessimistic_write')
        .getOne();
      if (!clock || clock.metAt || clock.stoppedAt) return { kind: 'done' };
      if (clock.pausedSince) return { kind: 'paused' };
      const unfired = await tx
        .getRepository(TicketSlaThresholdEntity)
        .createQueryBuilder('t')
        .where('t.ticket_id = :ticketId AND t.target = :target AND t.fired_at IS NULL', clock)
        .orderBy('t.percent')
        .getMany();
      const passed = unfired.filter((t) => t.dueAt.getTime() <= now.getTime());
      if (passed.length > 0) {
        const ticket = await tx.getRepository(TroubleTicketEntity).findOneByOrFail({ id: clock.ticketId });
        for (const threshold of passed) await this.fire(tx, clock, ticket, threshold, now);
      }
      const next = unfired.find((t) => t.dueAt.getTime() > now.getTime());
      return next ? { kind: 'notDue', at: next.dueAt } : { kind: 'done' };
    });
  }

  private async fire(
    tx: EntityManager,
    clock: TicketSlaClockEntity,
    ticket: TroubleTicketEntity,
    threshold: TicketSlaThresholdEntity,
    now: Date,
  ): Promise<void> {
    const { ticketId, target, percent } = threshold;
    await tx.update(TicketSlaThresholdEntity, { ticketId, target, percent }, { firedAt: now });
    const action = actionOf(percent);
    if (action === 'warnOwner') {
      await this.warnOwner(tx, clock, ticket, percent);
    } else {
      const holders =
        action === 'escalateToNational'
          ? [this.national()]
          : [
              this.provinceOf(ticket.cityCode),
              ...(clock.grade === 'A' || clock.groupMember ? [this.national()] : []),
            ];
      for (const to of holders) {
        await this.escalations.raise(tx, {
          subjectType: 'ticket',
          subjectId: ticketId,
          caseId: ticketId,
          reason: breachReason(target, percent),
          to,
          dueAt: clock.dueAt,
          breachedAt: threshold.dueAt,
          // No personal data: the ticket's kind and the customer's grade, never its name or reporter.
          facts: {
            cityCode: ticket.cityCode,
            ticketType: ticket.ticketType,
            severity: ticket.severity,
            grade: clock.grade,
            groupMember: clock.groupMember,
            ...(ticket.circuitId ? { circuitId: ticket.circuitId } : {}),
          },
        });
      }
    }
    this.logger.log({ msg: 'SLA threshold passed', ticketId, target, percent, action });
  }

  /** A task for the ticket's owner, or the customer's account manager while it has none. */
  private async warnOwner(
    tx: EntityManager,
    clock: TicketSlaClockEntity,
    ticket: TroubleTicketEntity,
    percent: number,
  ): Promise<void> {
    const manager = await this.customers.currentManager(ticket.customerId, tx);
    const owner = ticket.ownerStaffId ?? manager?.managerStaffId;
    if (!owner) {
      this.logger.warn({ msg: 'SLA warning has nobody to go to', ticketId: ticket.id, percent });
      return;
    }
    await this.tasks.createFromSource(tx, {
      sourceKey: `sla-warning:${ticket.id}:${clock.target}:${percent}`,
      source: 'sla-warning',
      cityCode: ticket.cityCode,
      customerId: ticket.customerId,
      assigneeStaffId: owner,
      assigneeManagerId: manager && manager.managerStaffId === owner ? manager.managerId : null,
      title: `${percent} % of the ${clock.target} time used: ${ticket.name}`,
      dueAt: clock.dueAt,
    });
  }

  private provinceOf(cityCode: string): string {
    const parent = this.topology.get(cityCode).parent;
    if (!parent) throw new Error(`city ${cityCode} has no province in the topology`);
    return parent;
  }

  private national(): string {
    const national = this.topology.nodes().find((n) => n.tier === 'national');
    if (!national) throw new Error('the topology has no national node');
    return national.code;
  }
}
