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

/** Waits until `expected` distinct probes of the batch were handled at `at`, then settles a moment. */
export async function waitForDelivery(
  at: NodeProcess,
  batchId: string,
  expected: number,
  timeoutMs = 90_000,
): Promise<ProbeDelivery> {
  await waitFor(
    `${expected} probes of ${batchId} at ${at.spec.code}`,
    () => delivery(at, batchId),
    (d) => d.distinct >= expected,
    timeoutMs,
  );
  // Give any would-be duplicate redelivery a chance to show up before judging.
  await new Promise((r) => setTimeout(r, 1500));
  return delivery(at, batchId);
}
