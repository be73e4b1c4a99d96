/**
 * Topic and group names. A namespace lets several federations (production, staging, a test run)
 * share one Kafka cluster without seeing each other's messages.
 */
export const DEFAULT_NAMESPACE = 'fed';

/** Every node consumes exactly one inbox topic; addressed messages go to the target's inbox. */
export function inboxTopic(nodeCode: string, namespace = DEFAULT_NAMESPACE): string {
  return `${namespace}.${nodeCode}.in`;
}

/** Messages that exhausted their retries at a node are published here for operators. */
export function deadLetterTopic(nodeCode: string, namespace = DEFAULT_NAMESPACE): string {
  return `${namespace}.${nodeCode}.dlq`;
}

export function inboxConsumerGroup(nodeCode: string, namespace = DEFAULT_NAMESPACE): string {
  return `${namespace}.${nodeCode}.inbox`;
}
