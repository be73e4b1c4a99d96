import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { type Timestamp, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  type SegmentStatusChanged,
  SegmentCancelRequestedSchema,
  SegmentStatusChangedSchema,
  SegmentWorkRequestedSchema,
} from '@kaf/contracts';
import { tokenFor } from '../support/auth';
import type { FederationFixture } from '../support/federation-fixture';
import { inboxPayloads, sendAs } from '../support/inbox-injection';
import { waitFor } from '../support/wait';

/** The home city the suites play (no process): Shenzhen. */
export const HOME = '440300';

/** The fields of a SegmentWorkRequested, as a plain object a test can vary. */
export interface WorkInit {
  orderId: string;
  segmentId: string;
  attempt: number;
  role: string;
  homeNode: string;
  customerId: string;
  customerName: string;
  product: string;
  bandwidthMbps: number;
  site?: { nodeCode: string; address: string; contactName: string; contactPhone: string };
  aEndNode: string;
  zEndNode: string;
  requestedDate: string;
  deadline?: Timestamp;
  notes: string;
}

let sequence = 0;

/** A unique site contact, so a scan for it finds only this test's copies. */
export function aContact(): { contactName: string; contactPhone: string } {
  sequence += 1;
  const digits = `${Date.now() % 1e6}${sequence}`.padStart(8, '0').slice(-8);
  return { contactName: `现场联系人${Date.now().toString(36)}${sequence}`, contactPhone: `139${digits}` };
}

/**
 * The Z-end segment (Hangzhou) of a Shenzhen → Hangzhou circuit by default; `role`, ends and
 * site can be overridden. Fresh order and segment ids each time.
 */
export function aWorkRequest(overrides: Partial<WorkInit> = {}): WorkInit {
  return {
    orderId: randomUUID(),
    segmentId: randomUUID(),
    attempt: 1,
    role: 'z_end',
    homeNode: HOME,
    customerId: randomUUID(),
    customerName: '深杭专线测试集团有限公司',
    product: 'ethernet_private_line',
    bandwidthMbps: 100,
    site: { nodeCode: '330100', address: '杭州市西湖区文三路 90 号 3 楼机房', ...aContact() },
    aEndNode: HOME,
    zEndNode: '330100',
    requestedDate: '2026-12-31',
    deadline: timestampFromDate(new Date(Date.now() + 10 * 86_400_000)),
    notes: '机房需提前预约',
    ...overrides,
  };
}

/** A transit request (no site) for the two ends. */
export function aTransitRequest(
  aEndNode: string,
  zEndNode: string,
  overrides: Partial<WorkInit> = {},
): WorkInit {
  return aWorkRequest({ role: 'transit', site: undefined, aEndNode, zEndNode, ...overrides });
}

/** Puts a work request into `target`'s inbox as the home city would (keyed by order id). */
export function requestWork(
  fed: FederationFixture,
  target: string,
  init: WorkInit,
  source = HOME,
): Promise<string> {
  return sendAs(
    fed.namespace,
    source,
    target,
    SegmentWorkRequestedSchema,
    create(SegmentWorkRequestedSchema, init),
    init.orderId,
  );
}

export function cancelWork(
  fed: FederationFixture,
  target: string,
  cancel: { orderId: string; segmentId: string; attempt: number; reason?: string },
  source = HOME,
): Promise<string> {
  return sendAs(
    fed.namespace,
    source,
    target,
    SegmentCancelRequestedSchema,
    create(SegmentCancelRequestedSchema, { reason: '', ...cancel }),
    cancel.orderId,
  );
}

export interface Reply {
  id: string;
  source: string;
  status: SegmentStatusChanged;
}

/** Every SegmentStatusChanged of an order that reached the home city's inbox topic, as sent. */
export async function repliesFor(fed: FederationFixture, orderId: string): Promise<Reply[]> {
  const all = await inboxPayloads(fed.namespace, HOME, SegmentStatusChangedSchema);
  return all
    .filter((r) => r.payload.orderId === orderId)
    .map((r) => ({ id: r.id, source: r.source, status: r.payload }));
}

/** Waits until the home city's inbox holds replies of the order that satisfy `done`. */
export function waitForReplies(
  fed: FederationFixture,
  orderId: string,
  done: (replies: Reply[]) => boolean,
  what = `replies of order ${orderId}`,
): Promise<Reply[]> {
  return waitFor(what, () => repliesFor(fed, orderId), done, 60_000, 1000);
}

/** The replies as (attempt, state, version) lines, in the order sent. */
export function lines(replies: Reply[]): string[] {
  return replies.map((r) => `${r.status.attempt}:${r.status.state}:v${r.status.version}`);
}

/** How the node's inbox disposed of a message, once it has. */
export function inboxOutcome(fed: FederationFixture, node: string, messageId: string): Promise<string> {
  return waitFor(
    `message ${messageId} through the inbox of ${node}`,
    async () => {
      const [row] = await fed.sql<{ outcome: string }>(
        node,
        'SELECT outcome FROM messaging_inbox WHERE message_id = $1',
        [messageId],
      );
      return row?.outcome ?? '';
    },
    (outcome) => outcome !== '',
  );
}

/** Waits until the node has sent everything it wrote to its outbox. */
export function outboxDrained(fed: FederationFixture, node: string): Promise<number> {
  return waitFor(
    `the outbox of ${node} drained`,
    () => fed.count(node, 'SELECT count(*)::int AS n FROM messaging_outbox'),
    (n) => n === 0,
  );
}

/** A provisioning engineer of `node`. */
export function engineer(node: string): Promise<string> {
  return tokenFor({ roles: 'provisioning_engineer', node, subject: `ENG-${node}-01` });
}

/** The work order a node holds for a segment attempt, once it holds it. */
export async function workOrderOf(
  fed: FederationFixture,
  node: string,
  segmentId: string,
  attempt = 1,
): Promise<{ id: string; state: string; version: string }> {
  return waitFor(
    `work order of segment ${segmentId} attempt ${attempt} at ${node}`,
    async () => {
      const [row] = await fed.sql<{ id: string; state: string; version: string }>(
        node,
        'SELECT id, state, version::text FROM one_stop_work_order WHERE segment_id = $1 AND attempt = $2',
        [segmentId, attempt],
      );
      return row;
    },
    (row) => row !== undefined,
  ) as Promise<{ id: string; state: string; version: string }>;
}
