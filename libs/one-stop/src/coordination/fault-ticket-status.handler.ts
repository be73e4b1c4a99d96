import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type FaultTicketStatus, FaultTicketStatusSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { UUID } from '../domain/home-city-sender';
import type { CoordinatedFaultCheck } from './coordinated-fault-ticket.entity';
import { instantOf } from './coordination-admission';

/**
 * Keeps the highest version of each fault ticket on a circuit whose order this node coordinates
 * (ADR 0047). Only the order's home city reports on it; a ticket on an order this node does not
 * coordinate, or from another city, is dead-lettered.
 */
@Injectable()
export class FaultTicketStatusHandler implements OnModuleInit {
  constructor(private readonly handlers: FederatedHandlers) {}

  onModuleInit(): void {
    // The home city of the order, checked against the coordinated order below.
    this.handlers.on(FaultTicketStatusSchema, 'any', (status, message, tx) =>
      this.handle(status, message, tx),
    );
  }

  async handle(status: FaultTicketStatus, message: InboundMessage, tx: EntityManager): Promise<void> {
    for (const [field, value] of [
      ['ticket_id', status.ticketId],
      ['order_id', status.orderId],
      ['circuit_id', status.circuitId],
    ] as const) {
      if (!UUID.test(value)) throw new PermanentMessageError(`fault ticket status: ${field} is not a UUID`);
    }
    if (status.homeNode !== message.source) {
      throw new PermanentMessageError(
        `fault ticket ${status.ticketId} names home node ${status.homeNode} but was sent by ${message.source}`,
      );
    }
    const orders: { home_node: string }[] = await tx.query(
      `SELECT home_node FROM coordinated_circuit_order WHERE order_id = $1`,
      [status.orderId],
    );
    const order = orders[0];
    if (!order)
      throw new PermanentMessageError(
        `fault ticket ${status.ticketId}: order ${status.orderId} is not coordinated here`,
      );
    if (order.home_node !== message.source) {
      throw new PermanentMessageError(
        `fault ticket ${status.ticketId}: order ${status.orderId} belongs to ${order.home_node}, not ${message.source}`,
      );
    }
    const checks: CoordinatedFaultCheck[] = status.checks.map((c) => ({
      checkId: c.checkId,
      segmentId: c.segmentId,
      role: c.role,
      nodeCode: c.nodeCode,
      state: c.state,
      dueAt: instantOf(c.dueAt)?.toISOString() ?? null,
      answeredAt: instantOf(c.answeredAt)?.toISOString() ?? null,
      // A home city from before rounds sends none: its checks are the first round.
      round: c.round || 1,
    }));
    // Last version wins: a duplicate or a straggler changes nothing; another city's ticket id is refused.
    const rows: { home_node: string }[] = await tx.query(
      `INSERT INTO coordinated_fault_ticket
         (ticket_id, version, home_node, circuit_id, order_id, status, severity, opened_at, restored_at,
          checks, changed_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, now())
       ON CONFLICT (ticket_id) DO UPDATE SET
         version = excluded.version, status = excluded.status, severity = excluded.severity,
         restored_at = excluded.restored_at, checks = excluded.checks, changed_at = excluded.changed_at,
         received_at = now()
       WHERE coordinated_fault_ticket.version < excluded.version
         AND coordinated_fault_ticket.home_node = excluded.home_node
       RETURNING home_node`,
      [
        status.ticketId.toLowerCase(),
        status.version.toString(),
        status.homeNode,
        status.circuitId.toLowerCase(),
        status.orderId.toLowerCase(),
        status.status,
        status.severity,
        instantOf(status.openedAt) ?? new Date(),
        instantOf(status.restoredAt) ?? null,
        JSON.stringify(checks),
        instantOf(status.changedAt) ?? new Date(),
      ],
    );
    if (rows.length === 0) {
      const [held] = await tx.query<{ home_node: string }[]>(
        `SELECT home_node FROM coordinated_fault_ticket WHERE ticket_id = $1`,
        [status.ticketId.toLowerCase()],
      );
      if (held && held.home_node !== message.source) {
        throw new PermanentMessageError(`fault ticket ${status.ticketId} belongs to ${held.home_node}`);
      }
    }
  }
}
