import { Kafka, logLevel } from 'kafkajs';
import { deadLetterTopic, inboxConsumerGroup, inboxTopic } from '@kaf/messaging';

export interface TopicReset {
  deletedTopics: string[];
  deletedGroups: string[];
  /**
   * Groups the broker would not delete, with its reason (NON_EMPTY_GROUP while members of stopped
   * nodes have not timed out yet). Harmless: their committed offsets went with the deleted topics.
   */
  keptGroups: { groupId: string; reason: string }[];
}

/** The Kafka topics and consumer group a node owns in a namespace. */
export function nodeKafkaNames(namespace: string, code: string): { topics: string[]; group: string } {
  return {
    topics: [inboxTopic(code, namespace), deadLetterTopic(code, namespace)],
    group: inboxConsumerGroup(code, namespace),
  };
}

/**
 * Deletes the inbox and dead-letter topics and the inbox consumer group of each node, so that a
 * node started on an empty database does not also receive messages left over from an earlier run.
 * The nodes must be stopped; each recreates its topics when it starts. Waits (bounded) until the
 * broker no longer lists the deleted topics.
 */
export async function resetNodeTopics(
  brokers: string[],
  namespace: string,
  codes: readonly string[],
  timeoutMs = 30_000,
): Promise<TopicReset> {
  const kafka = new Kafka({
    clientId: 'kaf-cli',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const names = codes.map((c) => nodeKafkaNames(namespace, c));
    const wantedTopics = new Set(names.flatMap((n) => n.topics));
    const existing = await admin.listTopics();
    const deletedTopics = existing.filter((t) => wantedTopics.has(t)).sort();
    if (deletedTopics.length > 0) {
      await admin.deleteTopics({ topics: deletedTopics, timeout: timeoutMs });
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const left = (await admin.listTopics()).filter((t) => wantedTopics.has(t));
        if (left.length === 0) break;
        if (Date.now() > deadline) throw new Error(`topics still listed after deletion: ${left.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    const wantedGroups = new Set(names.map((n) => n.group));
    const { groups } = await admin.listGroups();
    const groupIds = groups.map((g) => g.groupId).filter((g) => wantedGroups.has(g));
    const deletedGroups: string[] = [];
    const keptGroups: TopicReset['keptGroups'] = [];
    for (const groupId of groupIds) {
      try {
        await admin.deleteGroups([groupId]);
        deletedGroups.push(groupId);
      } catch (error) {
        keptGroups.push({ groupId, reason: deleteGroupsReason(error) });
      }
    }
    return { deletedTopics, deletedGroups, keptGroups };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The broker's reason for refusing a group deletion, e.g. `NON_EMPTY_GROUP`. */
function deleteGroupsReason(error: unknown): string {
  const groups = (error as { groups?: { error?: { type?: string; message?: string } }[] }).groups;
  const inner = groups?.[0]?.error;
  return inner?.type ?? inner?.message ?? (error as Error).message;
}
