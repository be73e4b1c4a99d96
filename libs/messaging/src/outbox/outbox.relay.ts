import { Inject, Injectable, Logger } from '@nestjs/common';
import { CORRELATION_HEADER } from '@kaf/observability';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { BROKER_CLIENT, type BrokerClient, type BrokerProducer } from '../broker/broker-client';
import { TopicProvisioner } from '../broker/topic-provisioner';
import { FaultPoints } from '../fault-points';
import { MessagingConnections } from '../messaging-connections';
import { MessagingHealth } from '../messaging-health';
import { MessagingMetrics } from '../messaging.metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

export const OUTBOX_CHANNEL = 'kaf_outbox';
/** pg advisory lock id: one active relay per node database keeps per-key order across replicas. */
const RELAY_LOCK_ID = 0x6b61_6601;

/**
 * Most bytes of envelopes sent in one request: below the broker's default message.max.bytes
 * (1 MB) with room for record overhead and headers, whatever partitions the records land on.
 */
export const MAX_REQUEST_BYTES = 900 * 1024;

/** `rows` cut, in order, into runs of at most `maxBytes` of envelopes (a larger row runs alone). */
export function byteSlices<R extends { envelope: Buffer }>(rows: readonly R[], maxBytes: number): R[][] {
  const slices: R[][] = [];
  let current: R[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.envelope.length;
    if (current.length > 0 && bytes + size > maxBytes) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

interface PendingRow {
  seq: string;
  id: string;
  topic: string;
  key: string;
  type: string;
  envelope: Buffer;
  correlation_id: string;
}

/**
 * Moves outbox rows to the broker. Each batch, in one transaction: take the oldest rows (deleting
 * them, FOR UPDATE SKIP LOCKED), send them with an idempotent acks=all producer, commit. A crash
 * between the broker's ack and the commit rolls the delete back, so the rows are sent again and
 * the receiving inbox drops the duplicates.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer: BrokerProducer | undefined;
  private listener: Client | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;

  private readonly faults: FaultPoints;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BROKER_CLIENT) private readonly broker: BrokerClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly metrics: MessagingMetrics,
    private readonly health: MessagingHealth,
    private readonly topics: TopicProvisioner,
    private readonly connections: MessagingConnections,
  ) {
    this.faults = new FaultPoints(options.faultPoints);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.producer = this.broker.producer();
    await this.producer.connect();
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Sends everything still unsent (bounded by `timeoutMs`), then stops. */
  async flushAndStop(timeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.notify();
    await this.loop;
    const deadline = Date.now() + timeoutMs;
    try {
      while (Date.now() < deadline && (await this.relayBatch()) > 0) {
        // keep draining
      }
    } catch (error) {
      this.logger.warn({
        msg: 'outbox flush on shutdown incomplete; rows stay for the next start',
        error: String(error),
      });
    }
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Rows written but not yet acknowledged by the broker. */
  async backlog(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM messaging_outbox',
    );
    const n = row?.n ?? 0;
    this.metrics.outboxBacklog.set(n);
    return n;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const sent = await this.relayBatch();
        failures = 0;
        if (sent < this.options.relay.batchSize)
          await this.sleepUntilWoken(this.options.relay.pollIntervalMs);
      } catch (error) {
        failures += 1;
        this.metrics.relayErrors.inc();
        this.health.recordError('outbox relay', error);
        const delay = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
        this.logger.warn({
          msg: 'outbox relay batch failed; retrying',
          error: String(error),
          delayMs: delay,
        });
        await this.sleepUntilWoken(delay, true);
      }
    }
  }

  /** Returns the number of rows sent (0 when another relay holds the lock or nothing is pending). */
  async relayBatch(): Promise<number> {
    const producer = this.producer;
    if (!producer) throw new Error('relay not started');
    return this.connections.transaction(async (tx) => {
      const [lock] = await tx.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        RELAY_LOCK_ID,
      ]);
      if (!lock?.locked) return 0;
      // Deleting is the mark: if the send or the commit fails, the rollback puts the rows back.
      // TypeORM answers a DELETE … RETURNING with [rows, affected].
      const [rows] = await tx.query<[PendingRow[], number]>(
        `DELETE FROM messaging_outbox WHERE id IN (
           SELECT id FROM messaging_outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING seq, id, topic, key, type, envelope, correlation_id`,
        [this.options.relay.batchSize],
      );
      rows.sort((x, y) => (BigInt(x.seq) < BigInt(y.seq) ? -1 : 1));
      if (rows.length === 0) return 0;
      // Dead-letter topics are provisioned at boot, so anything unknown here is an inbox.
      await this.topics.ensureInboxes(rows.map((r) => r.topic));
      // One request per slice of at most MAX_REQUEST_BYTES, in seq order: the broker refuses a
      // partition's record batch over its message.max.bytes (1 MB by default), and a batch of
      // large messages for one key would otherwise be refused whole, and again on every retry.
      for (const slice of byteSlices(rows, MAX_REQUEST_BYTES)) {
        await producer.send(
          slice.map((r) => ({
            topic: r.topic,
            key: r.key,
            value: r.envelope,
            // Everything else is in the envelope; these two let tools filter and trace without decoding.
            headers: { 'kaf-type': r.type, [CORRELATION_HEADER]: r.correlation_id },
          })),
        );
      }
      this.faults.reach('relay.after-send');
      for (const r of rows) this.metrics.relayed.inc({ topic: r.topic });
      return rows.length;
    });
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: 'kaf-outbox-relay',
    });
    client.on('notification', () => this.notify());
    client.on('error', (error) => {
      this.health.recordError('outbox listener', error);
      this.logger.warn({ msg: 'outbox LISTEN connection lost; reconnecting', error: String(error) });
      this.listener = undefined;
      void this.reconnectListener();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }

  private async reconnectListener(): Promise<void> {
    while (this.running && !this.listener) {
      try {
        await this.listen();
      } catch {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private notify(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async sleepUntilWoken(ms: number, ignoreWake = false): Promise<void> {
    if (this.pendingWake && !ignoreWake) {
      this.pendingWake = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = ignoreWake ? () => (this.running ? undefined : done()) : done;
    });
    this.wake = undefined;
    this.pendingWake = false;
  }
}
