import type { IHeaders } from 'kafkajs';
import { kafkaClient } from './federation-fixture';
import { waitFor } from './wait';

export interface TopicRecord {
  key: Buffer | null;
  value: Buffer;
  headers: IHeaders;
}

/**
 * A reader's fetches return after at most 100 ms without data (KafkaJS waits 5 s by default), so
 * disconnecting, which waits for the fetch in flight, costs a fraction of a second, not five.
 */
const SHORT_POLLS = { maxWaitTimeInMs: 100 } as const;

/** Reads `topic` from the beginning (own consumer group) until `count` records satisfy `match`. */
export async function readRecords(
  topic: string,
  match: (record: TopicRecord) => boolean,
  count: number,
  timeoutMs = 60_000,
): Promise<TopicRecord[]> {
  const consumer = kafkaClient().consumer({ groupId: `${topic}-reader-${Date.now()}`, ...SHORT_POLLS });
  const found: TopicRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.value) return;
        const record = { key: message.key, value: message.value, headers: message.headers ?? {} };
        if (match(record)) found.push(record);
      },
    });
    await waitFor(
      `${count} records on ${topic}`,
      async () => found.length,
      (n) => n >= count,
      timeoutMs,
    );
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/** Every record currently on `topic` (all partitions, up to their high watermarks). */
export async function readAllRecords(topic: string, timeoutMs = 60_000): Promise<TopicRecord[]> {
  const admin = kafkaClient().admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  const pending = new Set([...ends].filter(([, high]) => high > 0n).map(([p]) => p));
  const found: TopicRecord[] = [];
  if (pending.size === 0) return found;
  const consumer = kafkaClient().consumer({ groupId: `${topic}-scan-${Date.now()}`, ...SHORT_POLLS });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (message.value) {
          found.push({ key: message.key, value: message.value, headers: message.headers ?? {} });
        }
        if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n)) pending.delete(partition);
      },
    });
    await waitFor(
      `all records of ${topic}`,
      async () => pending.size,
      (n) => n === 0,
      timeoutMs,
    );
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/** Topics of a test namespace. */
export async function namespaceTopics(namespace: string): Promise<string[]> {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`)).sort();
  } finally {
    await admin.disconnect();
  }
}
