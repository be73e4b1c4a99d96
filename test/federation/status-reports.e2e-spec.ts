import { fromBinary } from '@bufbuild/protobuf';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { adminToken } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { sendProbes, waitForDelivery } from '../support/probes';
import { readRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';

interface ChildView {
  code: string;
  health: string;
  ageSeconds: number | null;
  lastReport: { version: string; outboxBacklog: number; consumerLag: number } | null;
}

/**
 * The national node, one province and two of its cities as real processes: status reports
 * travel city → province → national, parents show who is silent, and shutdown is clean.
 */
describe('a small federation reports its status upward', () => {
  const fed = new FederationFixture();
  let national: NodeProcess;
  let guangdong: NodeProcess;
  let guangzhou: NodeProcess;
  let shenzhen: NodeProcess;

  beforeAll(async () => {
    national = await fed.addNode('CN', 'national');
    guangdong = await fed.addNode('440000', 'province');
    guangzhou = await fed.addNode('440100', 'city');
    shenzhen = await fed.addNode('440300', 'city');
    await Promise.all([national, guangdong, guangzhou, shenzhen].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const children = (node: NodeProcess): Promise<ChildView[]> =>
    node.get<ChildView[]>('/api/v1/federation/children');

  it('shows each reporting child at its parent, and the province that never started as never-reported', async () => {
    const atProvince = await waitFor(
      'both cities reporting at 440000',
      () => children(guangdong),
      (list) => list.length > 0 && list.every((c) => c.health === 'reporting'),
    );
    expect(atProvince.map((c) => c.code).sort()).toEqual(['440100', '440300']);
    for (const child of atProvince) {
      expect(child.ageSeconds).toBeLessThan(3);
      expect(child.lastReport).toMatchObject({
        version: expect.any(String),
        outboxBacklog: expect.any(Number),
      });
    }

    const atNational = await waitFor(
      '440000 reporting at CN',
      () => children(national),
      (list) => list.some((c) => c.code === '440000' && c.health === 'reporting'),
    );
    expect(atNational.find((c) => c.code === '330000')).toMatchObject({
      health: 'never-reported',
      lastReport: null,
    });
    expect(await children(shenzhen)).toEqual([]);
  });

  it('marks a city silent once it stops reporting', async () => {
    const exit = await guangzhou.stop();
    expect(exit.code).toBe(0);
    const list = await waitFor(
      '440100 silent at 440000',
      () => children(guangdong),
      (l) => l.some((c) => c.code === '440100' && c.health === 'silent'),
      30_000,
    );
    expect(list.find((c) => c.code === '440300')?.health).toBe('reporting');
  });

  it('carries the caller correlation id from the HTTP request into the Kafka message headers and envelope', async () => {
    const correlationId = `e2e-${Date.now()}`;
    const res = await fetch(`${shenzhen.url}/api/v1/federation/probes`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-correlation-id': correlationId,
        authorization: `Bearer ${await adminToken()}`,
      },
      body: JSON.stringify({ target: 'CN', count: 3 }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-correlation-id')).toBe(correlationId);
    const { batchId } = (await res.json()) as { batchId: string };
    await waitForDelivery(shenzhen, national, batchId, 3);

    const records = await readRecords(
      `${fed.namespace}.CN.in`,
      (r) => r.headers['kaf-type']?.toString() === 'kaf.federation.v1.Probe',
      3,
    );
    const seen = records.map((r) => ({
      header: r.headers['x-correlation-id']?.toString(),
      envelope: fromBinary(EnvelopeSchema, r.value).correlationId,
    }));
    expect(seen).toEqual(Array(3).fill({ header: correlationId, envelope: correlationId }));
  });

  it('finishes in-flight work and exits 0 on SIGTERM', async () => {
    const batch = await sendProbes(shenzhen, '440000', 200, 2);
    const exit = await shenzhen.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(shenzhen.tail(30)).toMatch(/drained: inbox stopped, outbox flushed/);
    // Queue workers stopped before the relay's last flush: nothing is left in the outbox.
    expect(await fed.count('440300', 'SELECT count(*)::int AS n FROM messaging_outbox')).toBe(0);
    // Whatever was in the outbox at SIGTERM was flushed or is sent on the next start: nothing is lost.
    await shenzhen.startAndWaitReady();
    expect(await waitForDelivery(shenzhen, guangdong, batch, 200)).toMatchObject({
      handled: 200,
      distinct: 200,
      outOfOrder: 0,
    });
  });
});
