import { Injectable } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';

/** An inbound message as handlers see it; the payload is still encoded. */
export interface InboundMessage {
  id: string;
  type: string;
  source: string;
  target: string;
  key: string;
  correlationId: string;
  causationId: string;
  occurredAt: Date;
  payload: Uint8Array;
}

/**
 * A handler runs inside the inbox transaction: everything it writes through `tx` commits
 * together with the deduplication record, or not at all.
 */
export type MessageHandler = (message: InboundMessage, tx: EntityManager) => Promise<void>;

/** Thrown by a handler when retrying cannot help; the message is dead-lettered at once. */
export class PermanentMessageError extends Error {
  override readonly name = 'PermanentMessageError';
}

@Injectable()
export class MessageHandlerRegistry {
  private readonly handlers = new Map<string, MessageHandler>();

  /** Registers the handler for one payload type; the payload arrives decoded. */
  on<Desc extends DescMessage>(
    schema: Desc,
    handler: (payload: MessageShape<Desc>, message: InboundMessage, tx: EntityManager) => Promise<void>,
  ): void {
    this.register(schema.typeName, async (message, tx) => {
      let payload: MessageShape<Desc>;
      try {
        payload = fromBinary(schema, message.payload);
      } catch (error) {
        throw new PermanentMessageError(`payload is not a valid ${schema.typeName}: ${String(error)}`);
      }
      await handler(payload, message, tx);
    });
  }

  register(type: string, handler: MessageHandler): void {
    if (this.handlers.has(type)) throw new Error(`a handler for ${type} is already registered`);
    this.handlers.set(type, handler);
  }

  find(type: string): MessageHandler | undefined {
    return this.handlers.get(type);
  }
}
