import { DEFAULT_NAMESPACE } from '@kaf/messaging';

/** Billing systems publishing to Kafka send a city's usage events here, keyed by customer id. */
export function billingUsageTopic(cityCode: string, namespace = DEFAULT_NAMESPACE): string {
  return `${namespace}.${cityCode}.billing-usage`;
}

/** The city node's consumer group on its billing-usage topic (named like the topic). */
export function billingUsageConsumerGroup(cityCode: string, namespace = DEFAULT_NAMESPACE): string {
  return `${namespace}.${cityCode}.billing-usage`;
}
