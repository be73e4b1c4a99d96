/** Every node consumes exactly one inbox topic; addressed messages go to the target's inbox. */
export function inboxTopic(nodeCode: string): string {
  return `fed.${nodeCode}.in`;
}

/** Messages that exhausted their retries at a node are published here for operators. */
export function deadLetterTopic(nodeCode: string): string {
  return `fed.${nodeCode}.dlq`;
}

export function inboxConsumerGroup(nodeCode: string): string {
  return `kaf.${nodeCode}.inbox`;
}
