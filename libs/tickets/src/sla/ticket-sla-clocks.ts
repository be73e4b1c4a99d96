import { Inject, Injectable } from '@nestjs/common';
import { CustomerDirectory } from '@kaf/customers';
import { uuidv7 } from '@kaf/messaging';
import { deadlinesToken, type DurableDeadlines, type WorkingCalendar } from '@kaf/platform';
import { ServicePolicyReader, WorkingCalendarReader } from '@kaf/service-policy';
import { type EntityManager, IsNull } from 'typeorm';
import { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import { SLA_DEADLINES } from './sla-deadlines';
import { stoodStill, THRESHOLDS, thresholdDue } from './sla-thresholds';
import { SLA_TARGET_NAMES, type SlaTargetName, TicketSlaClockEntity } from './ticket-sla-clock.entity';
import { TicketSlaThresholdEntity } from './ticket-sla-threshold.entity';

/**
 * The SLA clocks of tickets, written inside the ticket's own transaction (the ticket listener
 * calls it), so a clock never disagrees with its ticket. Each running clock keeps one durable
 * deadline armed at its next unfired threshold; the threshold checker fires them.
 */
@Injectable()
export class TicketSlaClocks {
  constructor(
    private readonly policies: ServicePolicyReader,
    private readonly calendars: WorkingCalendarReader,
    private readonly customers: CustomerDirectory,
    @Inject(deadlinesToken(SLA_DEADLINES.queue)) private readonly deadlines: DurableDeadlines,
  ) {}

  /** Starts both clocks from the policy in force for the customer's grade and classes. */
  async start(tx: EntityManager, ticket: TroubleTicketEntity, at: Date): Promise<void> {
    const [policy, calendar, profile] = await Promise.all([
      this.policies.current(),
      this.calendars.current(),
      this.customers.serviceProfile(ticket.customerId, tx),
    ]);
    const grade = profile?.grade ?? 'C';
    const classes = profile?.classes ?? [];
    const target = policy.targetFor({
      ticketType: ticket.ticketType,
      severity: ticket.severity,
      grade,
      classes,
    });
    const clocks: TicketSlaClockEntity[] = [];
    for (const name of SLA_TARGET_NAMES) {
      const targetMinutes = name === 'response' ? target.responseMinutes : target.restoreMinutes;
      const times = { clock: target.clock, startedAt: at, targetMinutes, pausedMinutes: 0 };
      const clock = tx.getRepository(TicketSlaClockEntity).create({
        id: uuidv7(),
        ticketId: ticket.id,
        target: name,
        ...times,
        dueAt: thresholdDue(times, 100, calendar),
        metAt: null,
        pausedSince: null,
        stoppedAt: null,
        grade,
        groupMember: classes.includes('group_member'),
        policyIssuer: policy.issuer,
        policyVersion: policy.version.toString(),
      });
      await tx.getRepository(TicketSlaClockEntity).insert(clock);
      await tx.getRepository(TicketSlaThresholdEntity).insert(
        THRESHOLDS[name].map((percent) => ({
          ticketId: ticket.id,
          target: name,
          percent,
          dueAt: thresholdDue(times, percent, calendar),
          firedAt: null,
        })),
      );
      clocks.push(clock);
    }
    for (const clock of clocks) await this.rearm(tx, ticket, clock);
  }

  /** pending / held: the running clocks stand still from `at`. */
  async pause(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE ticket_sla_clock SET paused_since = $2
        WHERE ticket_id = $1 AND met_at IS NULL AND stopped_at IS NULL AND paused_since IS NULL`,
      [ticketId, at],
    );
  }

  /** Out of pending / held: the clock minutes stood still move the due time and the thresholds. */
  resume(tx: EntityManager, ticket: TroubleTicketEntity, at: Date): Promise<void> {
    return this.runOn(tx, ticket, 'c.paused_since IS NOT NULL', at, (clock) => {
      const since = clock.pausedSince!;
      clock.pausedSince = null;
      return since;
    });
  }

  /** The target is met (first response; restored or resolved): no threshold of it fires any more. */
  async meet(tx: EntityManager, ticketId: string, target: SlaTargetName, at: Date): Promise<void> {
    await tx.query(
      `UPDATE ticket_sla_clock SET met_at = $3, paused_since = NULL
        WHERE ticket_id = $1 AND target = $2 AND met_at IS NULL AND stopped_at IS NULL`,
      [ticketId, target, at],
    );
  }

  /** The customer rejected the resolution: restore runs on, the time spent resolved stood still. */
  reopen(tx: EntityManager, ticket: TroubleTicketEntity, at: Date): Promise<void> {
    return this.runOn(tx, ticket, `c.target = 'restore' AND c.met_at IS NOT NULL`, at, (clock) => {
      const since = clock.metAt!;
      clock.metAt = null;
      return since;
    });
  }

  /** Sets the clocks that `where` picks running again, adding the clock minutes since they stopped. */
  private async runOn(
    tx: EntityManager,
    ticket: TroubleTicketEntity,
    where: string,
    at: Date,
    stoppedSince: (clock: TicketSlaClockEntity) => Date,
  ): Promise<void> {
    const clocks = await tx
      .getRepository(TicketSlaClockEntity)
      .createQueryBuilder('c')
      .where('c.ticket_id = :ticketId AND c.stopped_at IS NULL', { ticketId: ticket.id })
      .andWhere(where)
      .setLock('pessimistic_write')
      .getMany();
    if (clocks.length === 0) return;
    const calendar = await this.calendars.current();
    for (const clock of clocks) {
      clock.pausedMinutes += stoodStill(clock.clock, stoppedSince(clock), at, calendar);
      await this.move(tx, ticket, clock, calendar);
    }
  }

  /** Closed, cancelled, rejected: nothing more fires. */
  async stop(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE ticket_sla_clock SET stopped_at = $2 WHERE ticket_id = $1 AND stopped_at IS NULL`,
      [ticketId, at],
    );
  }

  /** Recomputes the due time and every unfired threshold from the start and the paused minutes. */
  private async move(
    tx: EntityManager,
    ticket: TroubleTicketEntity,
    clock: TicketSlaClockEntity,
    calendar: WorkingCalendar,
  ): Promise<void> {
    clock.dueAt = thresholdDue(clock, 100, calendar);
    await tx.getRepository(TicketSlaClockEntity).save(clock);
    const unfired = await tx
      .getRepository(TicketSlaThresholdEntity)
      .findBy({ ticketId: clock.ticketId, target: clock.target, firedAt: IsNull() });
    for (const threshold of unfired) {
      await tx
        .getRepository(TicketSlaThresholdEntity)
        .update(
          { ticketId: threshold.ticketId, target: threshold.target, percent: threshold.percent },
          { dueAt: thresholdDue(clock, threshold.percent, calendar) },
        );
    }
    await this.rearm(tx, ticket, clock);
  }

  /** The ticket shows the restore clock's due time; the clock's timer waits for its next threshold. */
  private async rearm(
    tx: EntityManager,
    ticket: TroubleTicketEntity,
    clock: TicketSlaClockEntity,
  ): Promise<void> {
    if (clock.target === 'restore') {
      ticket.expectedResolutionDate = clock.dueAt;
      await tx.query(`UPDATE trouble_ticket SET expected_resolution_date = $2 WHERE id = $1`, [
        ticket.id,
        clock.dueAt,
      ]);
    }
    const [next] = await tx.query<{ due_at: Date | null }[]>(
      `SELECT min(due_at) AS due_at FROM ticket_sla_threshold
        WHERE ticket_id = $1 AND target = $2 AND fired_at IS NULL`,
      [clock.ticketId, clock.target],
    );
    // Armed before the commit: a job that fires first finds no clock and ends; the reconciler
    // arms it again within an interval. In practice the first threshold is minutes away.
    if (next?.due_at) await this.deadlines.armQuietly(clock.id, new Date(next.due_at));
  }
}
