import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CoordinatedFaultCheck } from './coordinated-fault-ticket.entity';

export class CoordinatedFaultCheckView {
  @ApiProperty({ format: 'uuid' }) checkId!: string;
  @ApiProperty({ format: 'uuid' }) segmentId!: string;
  @ApiProperty({ example: 'z_end' }) role!: string;
  @ApiProperty({ example: '330100' }) nodeCode!: string;
  @ApiProperty({ enum: ['sent', 'overdue', 'found', 'notFound', 'restored', 'cancelled'] }) state!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiProperty({
    description: "1 for the ticket's first checks, n + 1 after its n-th reopen; earlier rounds are history",
    example: 1,
  })
  round!: number;
}

export class CoordinatedFaultTicketView {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ description: 'Raised by every change at the home city', example: '4' }) version!: string;
  @ApiProperty({ example: '440300' }) homeNode!: string;
  @ApiProperty({ format: 'uuid' }) circuitId!: string;
  @ApiProperty({ format: 'uuid', description: 'The coordinated order that made the circuit' })
  orderId!: string;
  @ApiProperty({ description: 'TMF621 status of the ticket', example: 'inProgress' }) status!: string;
  @ApiProperty({ enum: ['critical', 'major', 'minor'] }) severity!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) restoredAt!: string | null;
  @ApiProperty({ type: [CoordinatedFaultCheckView] }) checks!: CoordinatedFaultCheckView[];
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export interface CoordinatedFaultTicketRow {
  ticket_id: string;
  version: string;
  home_node: string;
  circuit_id: string;
  order_id: string;
  status: string;
  severity: string;
  opened_at: Date;
  restored_at: Date | null;
  checks: CoordinatedFaultCheck[];
  changed_at: Date;
}

export function toCoordinatedFaultTicketView(row: CoordinatedFaultTicketRow): CoordinatedFaultTicketView {
  return {
    ticketId: row.ticket_id,
    version: row.version,
    homeNode: row.home_node,
    circuitId: row.circuit_id,
    orderId: row.order_id,
    status: row.status,
    severity: row.severity,
    openedAt: row.opened_at.toISOString(),
    restoredAt: row.restored_at?.toISOString() ?? null,
    checks: row.checks.map((c) => ({ ...c, round: c.round ?? 1 })),
    changedAt: row.changed_at.toISOString(),
  };
}
