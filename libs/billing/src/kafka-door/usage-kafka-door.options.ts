export interface UsageKafkaDoorOptions {
  /** Partitions of the billing-usage topic, fixed at creation; also the consumer's concurrency. */
  partitions: number;
  /** Most events booked in one database transaction; a fetched batch is cut into chunks of this. */
  maxEventsPerTransaction: number;
}

export const USAGE_KAFKA_DOOR_OPTIONS = Symbol('USAGE_KAFKA_DOOR_OPTIONS');

export const DEFAULT_USAGE_KAFKA_DOOR_OPTIONS: UsageKafkaDoorOptions = {
  partitions: 3,
  maxEventsPerTransaction: 5000,
};
