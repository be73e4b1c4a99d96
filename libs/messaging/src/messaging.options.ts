export interface MessagingOptions {
  /** Code of the node this process runs as; it is the `source` of every message written here. */
  nodeCode: string;
  /** Prefix of every topic and consumer group, e.g. `fed` gives `fed.440300.in`. */
  namespace: string;
  /** Used by the relay's LISTEN connection (the ORM pool serves everything else). */
  databaseUrl: string;
  brokers: string[];
  /** Partitions of this node's inbox topic, fixed at creation. */
  inboxPartitions: number;
  replicationFactor: number;
  /**
   * How long the broker keeps a consumer that stopped heartbeating in its group (30 s when unset):
   * a process killed without leaving holds its partitions, and its successor waits, this long.
   */
  sessionTimeoutMs?: number;
  relay: {
    batchSize: number;
    /** Fallback poll when no NOTIFY arrives (missed notifications, relay restarts). */
    pollIntervalMs: number;
  };
  inbox: {
    /** Handler attempts before a message is dead-lettered. */
    maxAttempts: number;
    retryBackoffMs: number;
    /** Messages handled in one database transaction. */
    chunkSize: number;
  };
  /** Crash points armed for fault-tolerance tests (`KAF_FAULT_POINTS`); empty in production. */
  faultPoints?: string;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
