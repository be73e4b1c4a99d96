import { Injectable, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ProbeMode, ProbeReplySchema, ProbeSchema } from '@kaf/contracts';
import { OutboxWriter } from '@kaf/messaging';
import { FederatedHandlers } from '../senders/federated-handlers';

export class ProbeRejectedError extends Error {
  override readonly name = 'ProbeRejectedError';
}

/**
 * Receives probes (records them, replies to echo probes) and replies (records the round trip).
 * Set-based, like any high-volume handler should be: one INSERT per run of probes.
 */
@Injectable()
export class ProbeHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit(): void {
    // Any node may probe any other; a stranger is refused, as a reply would go to an inbox nobody owns.
    this.handlers.onBatch(ProbeSchema, 'any', async (items, tx) => {
      const rejected = items.find((i) => i.payload.mode === ProbeMode.REJECT);
      if (rejected) {
        // Retryable on purpose: the drill exercises retries, then the dead-letter path.
        throw new ProbeRejectedError(
          `probe ${rejected.message.id} of batch ${rejected.payload.batchId} rejected (dead-letter drill)`,
        );
      }
      const sentAt = items.map((i) =>
        i.payload.sentAt ? timestampDate(i.payload.sentAt) : i.message.occurredAt,
      );
      const received = await tx.query<{ probe_id: string; received_at: Date }[]>(
        `INSERT INTO federation_probe_received (probe_id, batch_id, source, key, sequence, sent_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::timestamptz[])
         RETURNING probe_id, received_at`,
        [
          items.map((i) => i.message.id),
          items.map((i) => i.payload.batchId),
          items.map((i) => i.message.source),
          items.map((i) => i.payload.key),
          items.map((i) => i.payload.sequence),
          sentAt,
        ],
      );
      const receivedAt = new Map(received.map((r) => [r.probe_id, r.received_at]));
      const replies = items
        .filter((item) => item.payload.mode === ProbeMode.ECHO)
        .map((item) => ({ item, receivedAt: receivedAt.get(item.message.id) ?? new Date() }))
        .map(({ item: { payload, message }, receivedAt }) => ({
          schema: ProbeReplySchema,
          target: message.source,
          key: payload.key,
          causationId: message.id,
          correlationId: message.correlationId,
          payload: create(ProbeReplySchema, {
            batchId: payload.batchId,
            probeId: message.id,
            key: payload.key,
            sequence: payload.sequence,
            sentAt: payload.sentAt,
            receivedAt: timestampFromDate(receivedAt),
          }),
        }));
      await this.outbox.writeMany(tx, replies);
    });

    this.handlers.onBatch(ProbeReplySchema, 'any', async (items, tx) => {
      await tx.query(
        `INSERT INTO federation_probe_reply (probe_id, batch_id, key, sequence, sent_at, received_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::timestamptz[])
         ON CONFLICT (probe_id) DO NOTHING`,
        [
          items.map((i) => i.payload.probeId),
          items.map((i) => i.payload.batchId),
          items.map((i) => i.payload.key),
          items.map((i) => i.payload.sequence),
          items.map((i) => (i.payload.sentAt ? timestampDate(i.payload.sentAt) : i.message.occurredAt)),
          items.map((i) =>
            i.payload.receivedAt ? timestampDate(i.payload.receivedAt) : i.message.occurredAt,
          ),
        ],
      );
    });
  }
}
