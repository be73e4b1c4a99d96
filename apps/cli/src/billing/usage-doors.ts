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
  code: string;
  url: string;
  /** billing_system token whose subject is the load's source. */
  token: string;
  /** How long a batch is sent again after failures in transit (default: two minutes). */
  retryForMs?: number;
}

const REQUEST_TIMEOUT_MS = 60_000;
/** How long a send keeps trying through a node restart or a broker outage. */
export const DEFAULT_RETRY_FOR_MS = 120_000;
const MAX_BACKOFF_MS = 2000;

interface BatchAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { index: number; status: string; reason?: string }[];
}

/**
 * POST /api/v1/usage-batches. A batch that failed in transit is sent again: the ledger is
 * idempotent per source, so events a lost answer had booked come back as duplicates.
 */
export async function sendRest(city: RestCity, events: readonly LoadEvent[]): Promise<SendOutcome> {
  const body = JSON.stringify({ events: events.map(toRestEvent) });
  const deadline = Date.now() + (city.retryForMs ?? DEFAULT_RETRY_FOR_MS);
  let lastProblem = '';
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${city.url}/api/v1/usage-batches`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${city.token}`,
        },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.status === 200) {
        const answer = JSON.parse(text) as BatchAnswer;
        return {
          accepted: answer.accepted,
          duplicates: answer.duplicates,
          rejected: answer.rejected,
          reasons: answer.results
            .filter((r) => r.status === 'rejected')
            .slice(0, 5)
            .map((r) => `${events[r.index]?.eventId ?? r.index}: ${r.reason ?? 'rejected'}`),
          attempts: attempt,
        };
      }
      lastProblem = `HTTP ${res.status} ${text.slice(0, 300)}`;
      // A refusal of the whole batch (bad token, bad shape) will not change on a retry.
      if (res.status < 500 && res.status !== 429 && res.status !== 408) {
        return {
          accepted: 0,
          duplicates: 0,
          rejected: events.length,
          reasons: [lastProblem],
          attempts: attempt,
        };
      }
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`${city.code}: POST /api/v1/usage-batches failed ${attempt} times: ${lastProblem}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt)));
  }
}

/** Produces usage events to the cities' billing-usage topics, as an upstream billing system. */
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

  topic(cityCode: string): string {
    return billingUsageTopic(cityCode, this.namespace);
  }

  /** Connects, after checking every city's door topic exists (a city creates its own). */
  async connect(cityCodes: readonly string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = cityCodes.map((c) => this.topic(c)).filter((t) => !existing.has(t));
      if (missing.length > 0) {
        throw new Error(`no Kafka door topic ${missing.join(', ')}: is the city's billing door running?`);
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
  send(cityCode: string, events: readonly LoadEvent[]): Promise<SendOutcome> {
    return this.sendRecords(cityCode, toKafkaRecords(events, this.source));
  }

  async sendRecords(cityCode: string, messages: readonly KafkaRecord[]): Promise<SendOutcome> {
    if (!this.producer) throw new Error('Kafka producer not connected');
    const deadline = Date.now() + this.retryForMs;
    let lastProblem = '';
    for (let attempt = 1; ; attempt++) {
      try {
        await this.producer.send({ topic: this.topic(cityCode), acks: -1, messages: [...messages] });
        return { accepted: 0, duplicates: 0, rejected: 0, reasons: [], attempts: attempt };
      } catch (error) {
        // Records that did reach the broker are re-sent with the same event ids: the door drops them.
        lastProblem = (error as Error).message;
        if (Date.now() > deadline) {
          throw new Error(
            `${cityCode}: producing to ${this.topic(cityCode)} failed ${attempt} times: ${lastProblem}`,
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
