import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { randomUUID } from 'node:crypto';
import {
  type CircuitCompleted,
  CircuitCompletedSchema,
  type CircuitOrderStatus,
  CircuitOrderStatusSchema,
  type CircuitSlaBreached,
  CircuitSlaBreachedSchema,
  EscalationClosedSchema,
  EscalationFactsSchema,
  EscalationRaisedSchema,
  EscalationSchema,
} from '@kaf/contracts';
import type { FederationFixture } from '../support/federation-fixture';
import { REPO_ROOT } from '../support/paths';
import { waitFor } from '../support/wait';

/**
 * The dev topology plus Beijing, so that a cross-province order can leave a province out: a
 * province's staff at the national node must not see it.
 */
export function writeOneStopTopology(namespace: string): string {
  const dir = join(REPO_ROOT, '.run/test-logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${namespace}-topology.json`);
  writeFileSync(
    file,
    JSON.stringify({
      national: { code: 'CN', name: '集团总部 National HQ' },
      provinces: [
        {
          code: '440000',
          name: '广东省 Guangdong',
          cities: [
            { code: '440100', name: '广州市 Guangzhou' },
            { code: '440300', name: '深圳市 Shenzhen' },
          ],
        },
        {
          code: '330000',
          name: '浙江省 Zhejiang',
          cities: [
            { code: '330100', name: '杭州市 Hangzhou' },
            { code: '330200', name: '宁波市 Ningbo' },
          ],
        },
        {
          code: '110000',
          name: '北京市 Beijing',
          cities: [{ code: '110100', name: '北京城区 Beijing City' }],
        },
      ],
    }),
  );
  return file;
}

/** Transit node of a pair of end cities under that topology. */
function transitOf(aEnd: string, zEnd: string): string {
  if (aEnd === zEnd) return '';
  return aEnd.slice(0, 2) === zEnd.slice(0, 2) ? `${aEnd.slice(0, 2)}0000` : 'CN';
}

/** An order status as a home city would send it: three segments (two without transit), version 1. */
export function anOrderStatus(
  over: MessageInitShape<typeof CircuitOrderStatusSchema> & { aEndNode: string; zEndNode: string },
): CircuitOrderStatus {
  const aEnd = over.aEndNode;
  const zEnd = over.zEndNode;
  const transit = transitOf(aEnd, zEnd);
  const deadline = timestampFromDate(new Date(Date.now() + 10 * 86_400_000));
  const segments = [
    { segmentId: randomUUID(), role: 'a_end', nodeCode: aEnd, attempt: 1, state: 'accepted', deadline },
    { segmentId: randomUUID(), role: 'z_end', nodeCode: zEnd, attempt: 1, state: 'accepted', deadline },
    ...(transit
      ? [
          {
            segmentId: randomUUID(),
            role: 'transit',
            nodeCode: transit,
            attempt: 1,
            state: 'accepted',
            deadline,
          },
        ]
      : []),
  ];
  return create(CircuitOrderStatusSchema, {
    orderId: randomUUID(),
    version: 1n,
    homeNode: aEnd,
    customerId: randomUUID(),
    customerName: '深圳某某科技有限公司',
    product: 'mpls_vpn',
    bandwidthMbps: 100,
    transitNode: transit,
    state: 'inProgress',
    requestedDate: '2026-09-01',
    expectedCompletionDate: '2026-09-20',
    createdAt: timestampFromDate(new Date(Date.now() - 3_600_000)),
    monthlyChargeFen: 1_250_000n,
    changedAt: timestampFromDate(new Date()),
    segments,
    ...over,
  });
}

/** The same order at a later version, with changes. */
export function nextVersion(
  status: CircuitOrderStatus,
  version: bigint,
  over: MessageInitShape<typeof CircuitOrderStatusSchema> = {},
): CircuitOrderStatus {
  return create(CircuitOrderStatusSchema, {
    ...status,
    version,
    changedAt: timestampFromDate(new Date()),
    ...over,
  } as MessageInitShape<typeof CircuitOrderStatusSchema>);
}

export function aBreach(
  status: CircuitOrderStatus,
  segmentIndex: number,
  over: Partial<CircuitSlaBreached> = {},
) {
  const segment = status.segments[segmentIndex]!;
  return create(CircuitSlaBreachedSchema, {
    escalationId: randomUUID(),
    orderId: status.orderId,
    segmentId: segment.segmentId,
    attempt: segment.attempt,
    role: segment.role,
    nodeCode: segment.nodeCode,
    segmentState: segment.state,
    deadline: timestampFromDate(new Date(Date.now() - 60_000)),
    breachedAt: timestampFromDate(new Date()),
    homeNode: status.homeNode,
    ...over,
  });
}

/** A late segment of the order as an upgraded home city raises it to `holder` (ADR 0045). */
export function aSegmentRaised(status: CircuitOrderStatus, segmentIndex: number, holder: string) {
  const segment = status.segments[segmentIndex]!;
  const breachedAt = new Date();
  return create(EscalationRaisedSchema, {
    escalation: create(EscalationSchema, {
      escalationId: randomUUID(),
      subjectType: 'circuitSegment',
      subjectId: `${segment.segmentId}/${segment.attempt}`,
      caseId: status.orderId,
      reason: 'segmentOverdue',
      raisedBy: status.homeNode,
      holder,
      dueAt: timestampFromDate(new Date(breachedAt.getTime() - 60_000)),
      breachedAt: timestampFromDate(breachedAt),
      raisedAt: timestampFromDate(breachedAt),
      facts: create(EscalationFactsSchema, {
        cityCode: status.homeNode,
        orderId: status.orderId,
        nodeCode: segment.nodeCode,
        role: segment.role,
        attempt: segment.attempt,
        segmentState: segment.state,
      }),
    }),
  });
}

/** The home city's close of an escalation it raised. */
export function aClose(raised: ReturnType<typeof aSegmentRaised>, why: string) {
  return create(EscalationClosedSchema, {
    escalation: raised.escalation,
    closedAt: timestampFromDate(new Date()),
    why,
  });
}

/** A completed circuit as its home city registers it at the national node. */
export function aCompletedCircuit(
  over: MessageInitShape<typeof CircuitCompletedSchema> & {
    aEndNode: string;
    zEndNode: string;
    completedAt: Date;
  },
): CircuitCompleted {
  const { completedAt, ...rest } = over;
  return create(CircuitCompletedSchema, {
    orderId: randomUUID(),
    homeNode: over.aEndNode,
    customerId: randomUUID(),
    product: 'mpls_vpn',
    bandwidthMbps: 100,
    transitNode: transitOf(over.aEndNode, over.zEndNode),
    monthlyChargeFen: 1_000_000n,
    oneTimeChargeFen: 500_000n,
    circuitIds: ['a_end=SZ-001', 'z_end=HZ-001'],
    ...rest,
    completedAt: timestampFromDate(completedAt),
  });
}

/**
 * A later version of a circuit as its home city sends it: a change (`modify`) or the cease
 * (`delete`), from a new order, completed at noon in Shanghai on its effective date.
 */
export function aCircuitVersion(
  previous: CircuitCompleted,
  over: MessageInitShape<typeof CircuitCompletedSchema> & {
    circuitVersion: number;
    action: string;
    effectiveDate: string;
  },
): CircuitCompleted {
  return create(CircuitCompletedSchema, {
    ...previous,
    orderId: randomUUID(),
    oneTimeChargeFen: 0n,
    completedAt: timestampFromDate(new Date(`${over.effectiveDate}T12:00:00+08:00`)),
    ...over,
  } as MessageInitShape<typeof CircuitCompletedSchema>);
}

/** Waits until a node's inbox has dealt with a message and says how: handled or dead_lettered. */
export async function outcomeOf(fed: FederationFixture, node: string, messageId: string): Promise<string> {
  const [row] = await waitFor(
    `message ${messageId} dealt with at ${node}`,
    () =>
      fed.sql<{ outcome: string }>(node, 'SELECT outcome FROM messaging_inbox WHERE message_id = $1', [
        messageId,
      ]),
    (rows) => rows.length > 0,
  );
  return row!.outcome;
}
