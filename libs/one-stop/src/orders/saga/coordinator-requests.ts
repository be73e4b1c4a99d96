import { Injectable } from '@nestjs/common';
import type { InboundMessage } from '@kaf/messaging';
import { PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { CircuitOrderEntity } from '../circuit-order.entity';
import { CircuitOrderRepository } from '../circuit-order.repository';
import { type CoordinatorRequestKind, CoordinatorRequestEntity } from '../coordinator-request.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CoordinatorRequest {
  requestId: string;
  orderId: string;
  reason: string;
  requestedBy: string;
}

/**
 * What both coordinator requests share: only the order's coordinator may ask, and each request
 * id is acted on once, whatever number of messages carry it.
 */
@Injectable()
export class CoordinatorRequests {
  constructor(private readonly store: CircuitOrderRepository) {}

  /**
   * The order, locked, when `request` is new and from its coordinator; undefined when the request
   * was handled before. A request from anyone else, or for an unknown order, is dead-lettered.
   */
  async claim(
    tx: EntityManager,
    kind: CoordinatorRequestKind,
    request: CoordinatorRequest,
    message: InboundMessage,
  ): Promise<CircuitOrderEntity | undefined> {
    if (!UUID.test(request.requestId) || !UUID.test(request.orderId)) {
      throw new PermanentMessageError(`${kind} request: request_id and order_id must be UUIDs`);
    }
    const order = await this.store.lockOrder(tx, request.orderId);
    if (!order)
      throw new PermanentMessageError(
        `${kind} request ${request.requestId} for unknown order ${request.orderId}`,
      );
    if (message.source !== order.coordinator) {
      throw new PermanentMessageError(
        `${kind} request for order ${order.id} from ${message.source}; its coordinator is ${order.coordinator}`,
      );
    }
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(CoordinatorRequestEntity)
      .values({
        requestId: request.requestId,
        orderId: order.id,
        kind,
        coordinator: message.source,
        requestedBy: request.requestedBy,
        reason: request.reason || null,
        outcome: 'received',
      })
      .orIgnore()
      .returning('request_id')
      .execute();
    return (inserted.raw as unknown[]).length > 0 ? order : undefined;
  }

  /** Records what was done with the request. */
  async settle(tx: EntityManager, requestId: string, outcome: string): Promise<void> {
    await tx.getRepository(CoordinatorRequestEntity).update({ requestId }, { outcome });
  }
}
