import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SLA_CLOCKS, type SlaClock } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SLA_TARGET_NAMES, type SlaTargetName, TicketSlaClockEntity } from './ticket-sla-clock.entity';
import { TicketSlaThresholdEntity } from './ticket-sla-threshold.entity';

export class SlaThresholdView {
  @ApiProperty({ enum: [50, 80, 100, 200] }) percent!: number;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) firedAt!: string | null;
}

/** One target of a ticket as the ticket shows it (`sla` of GET /trouble-tickets/{id}). */
export class TicketSlaView {
  @ApiProperty({ enum: SLA_TARGET_NAMES }) target!: SlaTargetName;
  @ApiProperty({ enum: SLA_CLOCKS }) clock!: SlaClock;
  @ApiProperty({ example: 240 }) targetMinutes!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Moves on by the time the clock stood still' })
  dueAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) metAt!: string | null;
  @ApiProperty({
    description: 'Clock minutes stood still (pending, held, resolved before a reopen), to the second',
  })
  pausedMinutes!: number;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ description: 'Met after its due time, or still unmet past it' }) breached!: boolean;
  @ApiProperty({ type: [SlaThresholdView] }) thresholds!: SlaThresholdView[];
}

/** Reads a ticket's SLA clocks and thresholds, for the ticket's view and the service-quality source. */
@Injectable()
export class TicketSla {
  constructor(private readonly dataSource: DataSource) {}

  async of(ticketId: string, tx?: EntityManager, now = new Date()): Promise<TicketSlaView[]> {
    const manager = tx ?? this.dataSource.manager;
    // One after the other: inside a transaction they share one connection.
    const clocks = await manager
      .getRepository(TicketSlaClockEntity)
      .find({ where: { ticketId }, order: { target: 'ASC' } });
    const thresholds = await manager
      .getRepository(TicketSlaThresholdEntity)
      .find({ where: { ticketId }, order: { percent: 'ASC' } });
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
