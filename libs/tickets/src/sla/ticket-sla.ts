import { Injectable } from '@nestjs/common';
import type { SlaClock } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { type SlaTargetName, TicketSlaClockEntity } from './ticket-sla-clock.entity';
import { TicketSlaThresholdEntity } from './ticket-sla-threshold.entity';

/** One target of a ticket as the ticket shows it (`sla` of GET /trouble-tickets/{id}). */
export interface TicketSlaView {
  target: SlaTargetName;
  clock: SlaClock;
  targetMinutes: number;
  startedAt: string;
  /** Moves on by the time the clock stood still. */
  dueAt: string;
  metAt: string | null;
  /** Clock minutes stood still (pending, held, resolved before a reopen), to the second. */
  pausedMinutes: number;
  paused: boolean;
  /** Met after its due time, or still unmet past it. */
  breached: boolean;
  thresholds: { percent: number; dueAt: string; firedAt: string | null }[];
}

/** Reads a ticket's SLA clocks and thresholds, for the ticket's view and the service-quality source. */
@Injectable()
export class TicketSla {
  constructor(private readonly dataSource: DataSource) {}

  async of(ticketId: string, tx?: EntityManager, now = new Date()): Promise<TicketSlaView[]> {
    const manager = tx ?? this.dataSource.manager;
    const [clocks, thresholds] = await Promise.all([
      manager.getRepository(TicketSlaClockEntity).find({ where: { ticketId }, order: { target: 'ASC' } }),
      manager
        .getRepository(TicketSlaThresholdEntity)
        .find({ where: { ticketId }, order: { percent: 'ASC' } }),
    ]);
    return clocks.map((c) => ({
      target: c.target,
      clock: c.clock,
      targetMinutes: c.targetMinutes,
      startedAt: c.startedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      metAt: c.metAt?.toISOString() ?? null,
      pausedMinutes: Math.round(c.pausedMinutes * 60) / 60,
      paused: c.pausedSince !== null,
      breached: (c.metAt ?? c.stoppedAt ?? c.pausedSince ?? now).getTime() > c.dueAt.getTime(),
      thresholds: thresholds
        .filter((t) => t.target === c.target)
        .map((t) => ({
          percent: t.percent,
          dueAt: t.dueAt.toISOString(),
          firedAt: t.firedAt?.toISOString() ?? null,
        })),
    }));
  }
}
