import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type CustomerResyncListener = (tx: EntityManager, requester: string) => Promise<void>;

/**
 * Registry of what else a city re-sends when a parent asks for its customers again (e.g. the
 * billing accounts the province routes by): listeners run in the request's inbox transaction,
 * after the customer snapshots, and answer to `requester`.
 */
@Injectable()
export class CustomerResyncs {
  private readonly listeners: CustomerResyncListener[] = [];

  onResync(listener: CustomerResyncListener): void {
    this.listeners.push(listener);
  }

  async notify(tx: EntityManager, requester: string): Promise<void> {
    for (const listener of this.listeners) await listener(tx, requester);
  }
}
