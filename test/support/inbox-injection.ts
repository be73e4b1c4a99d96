import { create, type DescMessage, fromBinary, type MessageShape, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { uuidv7 } from '@kaf/platform';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { kafkaClient } from './federation-fixture';
import { readAllRecords } from './topic-reader';

/**
 * Puts a message into a node's inbox topic as if `source` had sent it: the way a suite plays a
 * node that has no process (or an impostor). Returns the message id, for waiting on the inbox.
 */
export async function sendAs<Desc extends DescMessage>(
  namespace: string,
  source: string,
  target: string,
  schema: Desc,
  payload: MessageShape<Desc>,
  key = `${schema.typeName}:${source}`,
): Promise<string> {
  const [id] = await sendAllAs(namespace, target, key, [{ source, schema, payload }]);
  return id!;
}

/** A message as some `source` sends it, for `sendAllAs`. */
export interface SentAs<Desc extends DescMessage = DescMessage> {
  source: string;
  schema: Desc;
  payload: MessageShape<Desc>;
}

/**
 * Puts several messages, in order, into one partition of a node's inbox topic in a single
 * produce call, so the node usually fetches them in one batch. Returns their ids in order.
 */
export async function sendAllAs(
  namespace: string,
  target: string,
  key: string,
  messages: readonly SentAs[],
): Promise<string[]> {
  const envelopes = messages.map(({ source, schema, payload }) => {
    const id = uuidv7();
    return create(EnvelopeSchema, {
      id,
      type: schema.typeName,
      source,
      target,
      key,
      correlationId: id,
      occurredAt: timestampFromDate(new Date()),
      payload: toBinary(schema, payload),
    });
  });
  const producer = kafkaClient().producer();
  await producer.connect();
  try {
    await producer.send({
      topic: `${namespace}.${target}.in`,
      messages: envelopes.map((e) => ({ key, value: Buffer.from(toBinary(EnvelopeSchema, e)) })),
    });
  } finally {
    await producer.disconnect();
  }
  return envelopes.map((e) => e.id);
}

/** Every payload of `schema` currently in a node's inbox topic, with the envelope's source. */
export async function inboxPayloads<Desc extends DescMessage>(
  namespace: string,
  node: string,
  schema: Desc,
): Promise<{ id: string; source: string; payload: MessageShape<Desc> }[]> {
  const records = await readAllRecords(`${namespace}.${node}.in`);
  return records
    .map((r) => fromBinary(EnvelopeSchema, r.value))
    .filter((e) => e.type === schema.typeName)
    .map((e) => ({ id: e.id, source: e.source, payload: fromBinary(schema, e.payload) }));
}
