import { Injectable, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ProbeMode, ProbeReplySchema, ProbeSchema } from '@kaf/contracts';
import { MessageHandlerRegistry, OutboxWriter } from '@kaf/messaging';

export class ProbeRejectedError extends Error {
  override readonly name = 'ProbeRejectedError';
}

/** Receives probes (records them, replies) and replies (records the round trip). */
@Injectable()
export class ProbeHandlers implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit(): void {
    this.registry.on(ProbeSchema, async (probe, message, tx) => {
      if (probe.mode === ProbeMode.REJECT) {
        // Retryable on purpose: the drill exercises retries, then the dead-letter path.
        throw new ProbeRejectedError(
          `probe ${message.id} of batch ${probe.batchId} rejected (dead-letter drill)`,
        );
      }
      const sentAt = probe.sentAt ? timestampDate(probe.sentAt) : message.occurredAt;
      const [row] = await tx.query<{ received_at: Date }[]>(
        `INSERT INTO federation_probe_received (probe_id, batch_id, source, key, sequence, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING received_at`,
        [message.id, probe.batchId, message.source, probe.key, probe.sequence, sentAt],
      );
      await this.outbox.write(tx, {
        schema: ProbeReplySchema,
        target: message.source,
        key: probe.key,
        causationId: message.id,
        payload: create(ProbeReplySchema, {
          batchId: probe.batchId,
          probeId: message.id,
          key: probe.key,
          sequence: probe.sequence,
          sentAt: probe.sentAt,
          receivedAt: timestampFromDate(row!.received_at),
        }),
      });
    });

    this.registry.on(ProbeReplySchema, async (reply, message, tx) => {
      await tx.query(
        `INSERT INTO federation_probe_reply (probe_id, batch_id, key, sequence, sent_at, received_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (probe_id) DO NOTHING`,
        [
          reply.probeId,
          reply.batchId,
          reply.key,
          reply.sequence,
          reply.sentAt ? timestampDate(reply.sentAt) : message.occurredAt,
          reply.receivedAt ? timestampDate(reply.receivedAt) : message.occurredAt,
        ],
      );
    });
  }
}
