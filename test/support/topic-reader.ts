import type { IHeaders } from 'kafkajs';
import { kafkaClient } from './federation-fixture';
import { waitFor } from './wait';

export interface TopicRecord {
  key: Buffer | null;
  value: Buffer;
  headers: IHeaders;
}

/** Reads `topic` from the beginning (own consumer group) until `count` records satisfy `match`. */
export async function readRecords(
  topic: string,
  match: (record: TopicRecord) => boolean,
  count: number,
  timeoutMs = 60_000,
): Promise<TopicRecord[]> {
  const consumer = kafkaClient().consumer({ groupId: `${topic}-reader-${Date.now()}` });
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
