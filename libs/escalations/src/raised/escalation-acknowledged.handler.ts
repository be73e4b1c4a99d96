import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type EscalationAcknowledged, EscalationAcknowledgedSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';

/**
 * The holder's acknowledgement, kept on the raised escalation for the case's view. Only the node
 * the escalation was raised to may acknowledge it; a repeated acknowledgement changes nothing.
 */
@Injectable()
export class EscalationAcknowledgedHandler implements OnModuleInit {
  private readonly logger = new Logger(EscalationAcknowledgedHandler.name);

  constructor(private readonly handlers: FederatedHandlers) {}

  onModuleInit(): void {
    // The holder may be the parent, CN, or a coordinator elsewhere: the row names the one node.
    this.handlers.on(EscalationAcknowledgedSchema, 'any', (ack, message, tx) =>
      this.handle(ack, message, tx),
    );
  }

  async handle(ack: EscalationAcknowledged, message: InboundMessage, tx: EntityManager): Promise<void> {
    const id = ack.escalationId.toLowerCase();
    const [row] = /^[0-9a-f-]{36}$/.test(id)
      ? await tx.query<{ holder_node: string; acknowledged_at: Date | null }[]>(
          `SELECT holder_node, acknowledged_at FROM raised_escalation WHERE id = $1 FOR UPDATE`,
          [id],
        )
      : [];
    if (!row) throw new PermanentMessageError(`no escalation ${ack.escalationId} was raised here`);
    if (row.holder_node !== message.source) {
      throw new PermanentMessageError(
        `escalation ${id} is held by ${row.holder_node}, not by ${message.source}`,
      );
    }
    if (row.acknowledged_at) return;
    if (!ack.acknowledgedAt || !ack.acknowledgedBy) {
      throw new PermanentMessageError('acknowledged_by and acknowledged_at are required');
    }
    await tx.query(
      `UPDATE raised_escalation
          SET acknowledged_by = $2, acknowledged_at = $3, acknowledgement_note = $4,
              status = CASE WHEN status = 'open' THEN 'acknowledged' ELSE status END
        WHERE id = $1`,
      [id, ack.acknowledgedBy, timestampDate(ack.acknowledgedAt), ack.note || null],
    );
    this.logger.log({ msg: 'escalation acknowledged', escalationId: id, holder: message.source });
  }
}
