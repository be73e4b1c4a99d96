import { billingUsageTopic } from '@kaf/billing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { type KafkaRecord, toKafkaRecords, toRestEvent } from './cloud-event';
import type { LoadEvent } from './load-plan';

/** What one send came back with. Over Kafka the broker's ack is all there is to know. */
export interface SendOutcome {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Why events were rejected (first few). */
  reasons: string[];
  /** Requests or produce calls it took, retries included. */
  attempts: number;
}

export interface RestCity {
  /** The node the batches go to: a city, or on a province door the province. */
  code: string;
  url: string;
  /** billing_system token whose subject is the load's source, bound to that node. */
  token: string;
  /** How long a batch is sent again after failures in transit (default: two minutes). */
  retryForMs?: number;
  /**
   * The province-wide door: events are answered `routed` or `rejected`; an event of an account
   * the province cannot route yet (its snapshot still on its way) is sent again for this long
   * (default: 30 s).
   */
  province?: { unroutableRetryForMs?: number };
}

const REQUEST_TIMEOUT_MS = 60_000;
/** How long a send keeps trying through a node restart or a broker outage. */
export const DEFAULT_RETRY_FOR_MS = 120_000;
export const DEFAULT_UNROUTABLE_RETRY_FOR_MS = 30_000;
const MAX_BACKOFF_MS = 2000;
const UNROUTABLE_PAUSE_MS = 500;

interface EventResult {
  index: number;
  status: string;
  reason?: string;
}

/** A city answers accepted/duplicates/rejected, a province routed/rejected; both list results. */
interface BatchAnswer {
  accepted?: number;
  duplicates?: number;
  routed?: number;
  rejected: number;
  results: EventResult[];
}

/** A province's refusal that a later try may not meet: no city holds the account (yet). */
export function isUnroutable(reason: string | undefined): boolean {
  return reason !== undefined && /^billingAccount: .* is held by no city of this province/.test(reason);
}

/**
 * POST /api/v1/usage-batches. A batch that failed in transit is sent again: the ledger is
 * idempotent per source, so events a lost answer had booked come back as duplicates. At a
 * province, events answered `rejected` because no city holds their account yet are sent again,
 * in their order, until they are routed or the target's unroutable retry time is over.
 */
export async function sendRest(target: RestCity, events: readonly LoadEvent[]): Promise<SendOutcome> {
  const first = await postBatch(target, events);
  if (!target.province || first.answer === undefined) return first.outcome;
  const outcome = { ...first.outcome, accepted: first.answer.routed ?? 0, duplicates: 0 };
  const deadline = Date.now() + (target.province.unroutableRetryForMs ?? DEFAULT_UNROUTABLE_RETRY_FOR_MS);
  let pending = unroutedOf(events, first.answer.results);
  while (pending.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, UNROUTABLE_PAUSE_MS));
    const again = await postBatch(target, pending);
    outcome.attempts += again.outcome.attempts;
    if (again.answer === undefined) break;
    outcome.accepted += again.answer.routed ?? 0;
    pending = unroutedOf(pending, again.answer.results);
  }
  const reasons = first.answer.results
    .filter((r) => r.status === 'rejected' && !isUnroutable(r.reason))
    .map((r) => `${events[r.index]?.eventId ?? r.index}: ${r.reason ?? 'rejected'}`);
  for (const e of pending) {
    reasons.push(
      `${e.eventId}: billingAccount ${e.billingAccount ?? '?'} still not routable at ${target.code}`,
    );
  }
  return { ...outcome, rejected: events.length - outcome.accepted, reasons: reasons.slice(0, 5) };
}

function unroutedOf(events: readonly LoadEvent[], results: readonly EventResult[]): LoadEvent[] {
  return results
    .filter((r) => r.status === 'rejected' && isUnroutable(r.reason))
    .sort((a, b) => a.index - b.index)
    .map((r) => events[r.index]!);
}

async function postBatch(
  target: RestCity,
  events: readonly LoadEvent[],
): Promise<{ outcome: SendOutcome; answer?: BatchAnswer }> {
  const body = JSON.stringify({ events: events.map(toRestEvent) });
  const deadline = Date.now() + (target.retryForMs ?? DEFAULT_RETRY_FOR_MS);
  let lastProblem = '';
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${target.url}/api/v1/usage-batches`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${target.token}`,
        },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.status === 200) {
        const answer = JSON.parse(text) as BatchAnswer;
        return {
          answer,
          outcome: {
            accepted: answer.accepted ?? 0,
            duplicates: answer.duplicates ?? 0,
            rejected: answer.rejected,
            reasons: answer.results
              .filter((r) => r.status === 'rejected')
              .slice(0, 5)
              .map((r) => `${events[r.index]?.eventId ?? r.index}: ${r.reason ?? 'rejected'}`),
            attempts: attempt,
          },
        };
      }
      lastProblem = `HTTP ${res.status} ${text.slice(0, 300)}`;
      // A refusal of the whole batch (bad token, bad shape) will not change on a retry.
      if (res.status < 500 && res.status !== 429 && res.status !== 408) {
        return {
          outcome: {
            accepted: 0,
            duplicates: 0,
            rejected: events.length,
            reasons: [lastProblem],
            attempts: attempt,
          },
        };
      }
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`${target.code}: POST /api/v1/usage-batches failed ${attempt} times: ${lastProblem}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt)));
  }
}

/**
 * Produces usage events to the billing-usage topics of cities (keyed by customer) or provinces
 * (keyed by billing account), as an upstream billing system.
 */
export class KafkaUsageProducer {
  private readonly kafka: Kafka;
  private producer: Producer | undefined;

  constructor(
    brokers: readonly string[],
    private readonly namespace: string,
    private readonly source: string,
    private readonly retryForMs = DEFAULT_RETRY_FOR_MS,
  ) {
    this.kafka = new Kafka({
      clientId: 'kaf-billing-load',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 5000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 },
    });
  }

  /** The door topic of a city or a province. */
  topic(nodeCode: string): string {
    return billingUsageTopic(nodeCode, this.namespace);
  }

  /** Connects, after checking every node's door topic exists (a node creates its own). */
  async connect(nodeCodes: readonly string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = nodeCodes.map((c) => this.topic(c)).filter((t) => !existing.has(t));
      if (missing.length > 0) {
        throw new Error(`no Kafka door topic ${missing.join(', ')}: is the node's billing door running?`);
      }
    } finally {
      await admin.disconnect();
    }
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
  }

  /** One produce call per send; resolves when every record is acknowledged by all in-sync replicas. */
  send(nodeCode: string, events: readonly LoadEvent[]): Promise<SendOutcome> {
    return this.sendRecords(nodeCode, toKafkaRecords(events, this.source));
  }

  async sendRecords(nodeCode: string, messages: readonly KafkaRecord[]): Promise<SendOutcome> {
    if (!this.producer) throw new Error('Kafka producer not connected');
    const deadline = Date.now() + this.retryForMs;
    let lastProblem = '';
    for (let attempt = 1; ; attempt++) {
      try {
        await this.producer.send({ topic: this.topic(nodeCode), acks: -1, messages: [...messages] });
        return { accepted: 0, duplicates: 0, rejected: 0, reasons: [], attempts: attempt };
      } catch (error) {
        // Records that did reach the broker are re-sent with the same event ids: the door drops them.
        lastProblem = (error as Error).message;
        if (Date.now() > deadline) {
          throw new Error(
            `${nodeCode}: producing to ${this.topic(nodeCode)} failed ${attempt} times: ${lastProblem}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 200 * 2 ** attempt)));
      }
    }
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}
