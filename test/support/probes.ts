import type { NodeProcess } from './node-process';
import { waitFor } from './wait';

export interface ProbeDelivery {
  batchId: string;
  handled: number;
  distinct: number;
  outOfOrder: number;
  firstReceivedAt: string | null;
  lastReceivedAt: string | null;
}

/** Sends a probe batch from `from` to `to`; returns its id. */
export async function sendProbes(
  from: NodeProcess,
  to: string,
  count: number,
  keys: number,
  mode: 'echo' | 'oneway' | 'reject' = 'echo',
  keyPrefix?: string,
): Promise<string> {
  const res = await from.post<{ batchId: string }>('/api/v1/federation/probes', {
    target: to,
    count,
    keys,
    mode,
    keyPrefix,
  });
  if (res.status !== 202) throw new Error(`probe send failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.batchId;
}

export function delivery(at: NodeProcess, batchId: string): Promise<ProbeDelivery> {
  return at.get<ProbeDelivery>(`/api/v1/federation/probes/${batchId}/delivery`);
}

/** Consecutive equal reads of the delivery view, READ_INTERVAL_MS apart, before it is judged. */
const STEADY_READS = 5;
const READ_INTERVAL_MS = 200;

/**
 * Waits until `expected` distinct probes of the batch sent by `from` were handled at `at`, then
 * until the delivery view is final, and returns it.
 *
 * Seeing every probe once does not end the test of exactly-once: a duplicate may still be on its
 * way, and the view is only judged once none can be. A copy comes from one of two places. The
 * sender's relay sends a row again if it died between the broker's ack and deleting the row: so
 * first the sender's outbox is polled until no row written before all probes were seen is left,
 * after which every copy the relay will ever send of the batch is on the broker. A record on the
 * broker is handled (again) as soon as the receiver's consumer reads it: so then the view is
 * polled until its counts read the same STEADY_READS times in a row: a window of about a second,
 * well beyond what a record takes from the broker through the receiver's inbox. A duplicate handled
 * within it raises `handled`, restarts the window, and is what the caller's assertion catches.
 */
export async function waitForDelivery(
  from: NodeProcess,
  at: NodeProcess,
  batchId: string,
  expected: number,
  timeoutMs = 90_000,
): Promise<ProbeDelivery> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  await waitFor(
    `${expected} probes of ${batchId} at ${at.spec.code}`,
    () => delivery(at, batchId),
    (d) => d.distinct >= expected,
    timeoutMs,
  );
  const [written] = await from.sql<{ seq: string | null }>(
    'SELECT max(seq)::text AS seq FROM messaging_outbox',
  );
  if (written?.seq) {
    await waitFor(
      `the outbox of ${from.spec.code} to send its rows up to ${written.seq}`,
      () =>
        from.sql<{ n: number }>('SELECT count(*)::int AS n FROM messaging_outbox WHERE seq <= $1', [
          written.seq,
        ]),
      ([row]) => row?.n === 0,
      left(),
      100,
    );
  }
  let previous: ProbeDelivery | undefined;
  let steady = 0;
  return waitFor(
    `the delivery of ${batchId} at ${at.spec.code} to hold still`,
    () => delivery(at, batchId),
    (d) => {
      const same =
        previous !== undefined &&
        [d.handled, d.distinct, d.outOfOrder].join() ===
          [previous.handled, previous.distinct, previous.outOfOrder].join();
      steady = same ? steady + 1 : 0;
      previous = d;
      return steady >= STEADY_READS - 1;
    },
    left(),
    READ_INTERVAL_MS,
  );
}
