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

/**
 * A batch handler receives consecutive messages of its type from one partition, in order, so it
 * can write them set-based. Same transaction rules as a single handler.
 */
export type BatchMessageHandler = (messages: readonly InboundMessage[], tx: EntityManager) => Promise<void>;

/**
 * Decides from the envelope alone whether a message may be handled at all; returns why not, or
 * undefined to accept. Runs before the handler and outside its transaction, so it must be cheap
 * and must not throw. A refused message is dead-lettered at once: resending cannot change who sent it.
 */
export type MessageGuard = (message: InboundMessage) => string | undefined;

export interface HandlerOptions {
  accept?: MessageGuard;
}

export type RegisteredHandler = { accept?: MessageGuard } & (
  { kind: 'single'; handle: MessageHandler } | { kind: 'batch'; handle: BatchMessageHandler }
);

@Injectable()
export class MessageHandlerRegistry {
  private readonly handlers = new Map<string, RegisteredHandler>();

  /** Registers the handler for one payload type; the payload arrives decoded. */
  on<Desc extends DescMessage>(
    schema: Desc,
    handler: (payload: MessageShape<Desc>, message: InboundMessage, tx: EntityManager) => Promise<void>,
    options: HandlerOptions = {},
  ): void {
    this.register(schema.typeName, {
      accept: options.accept,
      kind: 'single',
      handle: (message, tx) => handler(decode(schema, message), message, tx),
    });
  }

  /** Registers a set-based handler for one payload type (for high-volume messages). */
  onBatch<Desc extends DescMessage>(
    schema: Desc,
    handler: (
      items: readonly { payload: MessageShape<Desc>; message: InboundMessage }[],
      tx: EntityManager,
    ) => Promise<void>,
    options: HandlerOptions = {},
  ): void {
    this.register(schema.typeName, {
      accept: options.accept,
      kind: 'batch',
      handle: (messages, tx) =>
        handler(
          messages.map((message) => ({ payload: decode(schema, message), message })),
          tx,
        ),
    });
  }

  private register(type: string, handler: RegisteredHandler): void {
    if (this.handlers.has(type)) throw new Error(`a handler for ${type} is already registered`);
    this.handlers.set(type, handler);
  }

  find(type: string): RegisteredHandler | undefined {
    return this.handlers.get(type);
  }
}

function decode<Desc extends DescMessage>(schema: Desc, message: InboundMessage): MessageShape<Desc> {
  try {
    return fromBinary(schema, message.payload);
  } catch (error) {
    throw new PermanentMessageError(`payload is not a valid ${schema.typeName}: ${String(error)}`);
  }
}
