import { type DescMessage, type MessageShape, toBinary, create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { addMonths, billingMonthOf, uuidv7 } from '@kaf/platform';

/**
 * An outbox row as `source`'s own capability would write it: `payload` addressed to `target`, in
 * a fresh envelope (so the receiver's inbox does not drop it as a duplicate). Insert it into
 * `source`'s database; its relay sends it.
 */
export function outboxRow<Desc extends DescMessage>(
  namespace: string,
  route: { source: string; target: string; key: string },
  schema: Desc,
  payload: MessageShape<Desc>,
): { sql: string; params: unknown[]; id: string } {
  const id = uuidv7();
  const envelope = create(EnvelopeSchema, {
    id,
    type: schema.typeName,
    source: route.source,
    target: route.target,
    key: route.key,
    correlationId: id,
    occurredAt: timestampFromDate(new Date()),
    payload: toBinary(schema, payload),
  });
  return {
    id,
    sql: `INSERT INTO messaging_outbox (id, topic, key, type, target, envelope, correlation_id)
          VALUES ($1::uuid, $2, $3, $4, $5, $6, $1::text)`,
    params: [
      id,
      `${namespace}.${route.target}.in`,
      route.key,
      schema.typeName,
      route.target,
      Buffer.from(toBinary(EnvelopeSchema, envelope)),
    ],
  };
}

/** A billing month in Asia/Shanghai, `offset` months from now. */
export function billingMonth(offset = 0): string {
  return addMonths(billingMonthOf(new Date()), offset);
}
