import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { creditCodeCheckCharacter } from '@kaf/business-codes';
import { CustomerSnapshotSchema, type CustomerSnapshot } from '@kaf/contracts';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { uuidv7 } from '@kaf/platform';

let serial = Math.floor(Math.random() * 1e6);

/** A valid GB 32100 credit code, different on every call. */
export function creditCode(division = '440300'): string {
  serial += 1;
  const first17 = `91${division}${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** The same code with a wrong check character. */
export function badCheckCharacter(code: string): string {
  const last = code[17] === '0' ? '1' : '0';
  return code.slice(0, 17) + last;
}

export interface GroupBody {
  name: string;
  creditCode: string;
  industry: string;
  grade: string;
  leadNode?: string;
}

export function groupBody(overrides: Partial<GroupBody> = {}): GroupBody {
  return {
    name: `集团客户 ${serial}`,
    creditCode: creditCode('110000'),
    industry: 'I',
    grade: 'A',
    leadNode: '440000',
    ...overrides,
  };
}

export function snapshot(
  overrides: Partial<Omit<CustomerSnapshot, '$typeName' | '$unknown'>> = {},
): CustomerSnapshot {
  return create(CustomerSnapshotSchema, {
    customerId: crypto.randomUUID(),
    cityCode: '440300',
    version: 1n,
    name: '深圳某某科技有限公司',
    creditCode: creditCode(),
    industry: 'I',
    classes: ['group_member'],
    grade: 'A',
    status: 'active',
    managerId: '',
    groupCode: '',
    gridCode: 'SZ-NS-001',
    updatedAt: timestampFromDate(new Date()),
    ...overrides,
  });
}

/**
 * An outbox row as a city's own customer capability would write it: a CustomerSnapshot
 * addressed to CN, in a fresh envelope (so the national inbox does not drop it as a duplicate).
 */
export function snapshotOutboxRow(
  namespace: string,
  payload: CustomerSnapshot,
): { sql: string; params: unknown[]; id: string } {
  const id = uuidv7();
  const envelope = create(EnvelopeSchema, {
    id,
    type: CustomerSnapshotSchema.typeName,
    source: payload.cityCode,
    target: 'CN',
    key: payload.customerId,
    correlationId: id,
    occurredAt: timestampFromDate(new Date()),
    payload: toBinary(CustomerSnapshotSchema, payload),
  });
  return {
    id,
    sql: `INSERT INTO messaging_outbox (id, topic, key, type, target, envelope, correlation_id)
          VALUES ($1::uuid, $2, $3, $4, 'CN', $5, $1::text)`,
    params: [
      id,
      `${namespace}.CN.in`,
      payload.customerId,
      CustomerSnapshotSchema.typeName,
      Buffer.from(toBinary(EnvelopeSchema, envelope)),
    ],
  };
}
