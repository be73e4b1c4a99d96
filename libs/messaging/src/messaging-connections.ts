import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

/**
 * Connections of the node's pool that messaging holds for itself: one for the relay and one per
 * inbox partition consumed at once. The node's pool is sized for its requests plus these.
 */
export function messagingConnectionCount(inboxPartitions: number): number {
  return inboxPartitions + 1;
}

/**
 * The relay's and the inbox's transactions run on connections taken from the node's pool at
 * start and kept, so that they never queue behind a burst of requests waiting for the pool
 * (ADR 0042): a message's hop through a node would otherwise wait for every request that asked
 * for a connection before it. A transaction is the same as `DataSource.transaction`: committed
 * or rolled back whole. A connection that broke is given back to the pool, which drops it, and
 * the next transaction takes a fresh one.
 */
@Injectable()
export class MessagingConnections {
  private readonly idle: QueryRunner[] = [];
  private readonly size: number;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.size = messagingConnectionCount(options.inboxPartitions);
  }

  /** Takes the connections now, before any request can queue ahead of them. */
  async reserve(): Promise<void> {
    this.stopped = false;
    while (this.idle.length < this.size) {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      this.idle.push(runner);
    }
  }

  async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.take();
    let sound = false;
    try {
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        sound = true;
        return result;
      } catch (error) {
        try {
          await runner.rollbackTransaction();
          sound = true;
        } catch {
          // The connection is gone; the original error is the one that matters.
        }
        throw error;
      }
    } finally {
      this.giveBack(runner, sound);
    }
  }

  /** Gives every held connection back to the pool (at shutdown, after the relay's last flush). */
  async release(): Promise<void> {
    this.stopped = true;
    const held = this.idle.splice(0);
    await Promise.all(held.map((runner) => runner.release().catch(() => undefined)));
  }

  private take(): QueryRunner {
    for (let runner = this.idle.pop(); runner; runner = this.idle.pop()) {
      if (!runner.isReleased) return runner;
    }
    // More at once than held (or one broke): an ordinary connection from the pool.
    return this.dataSource.createQueryRunner();
  }

  private giveBack(runner: QueryRunner, sound: boolean): void {
    if (sound && !runner.isReleased && !this.stopped && this.idle.length < this.size) {
      this.idle.push(runner);
      return;
    }
    void runner.release().catch(() => undefined);
  }
}
