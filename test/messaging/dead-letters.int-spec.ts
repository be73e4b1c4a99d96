import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { ProbeMode, ProbeSchema } from '@kaf/contracts';
import { uuidv7 } from '@kaf/platform';
import { DeadLetterSchema, EnvelopeSchema } from '@kaf/messaging/testing';
import { adminToken } from '../support/auth';
import { FederationFixture, kafkaClient } from '../support/federation-fixture';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { sendProbes, waitForDelivery } from '../support/probes';
import { readRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';

interface DeadLetterView {
  id: string;
  messageId: string;
  type: string;
  source: string;
  reason: string;
  attempts: number;
  replayedAt: string | null;
}

const MAX_ATTEMPTS = 3;

/**
 * A probe in `reject` mode fails its handler every time. It must be retried a bounded number of
 * times, parked in the dead-letter table and topic with a metric, and must not hold up the
 * messages behind it on the same key (hence the same partition).
 */
describe('poison messages go to the dead letters and the partition keeps flowing', () => {
  const fed = new FederationFixture();
  let city: NodeProcess;
  let province: NodeProcess;

  beforeAll(async () => {
    province = await fed.addNode('440000', 'province', { INBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
    city = await fed.addNode('440300', 'city');
    await Promise.all([province.startAndWaitReady(), city.startAndWaitReady()]);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  it('dead-letters after the configured attempts while later messages on the same key are handled', async () => {
    const poison = await sendProbes(city, '440000', 1, 1, 'reject', 'drill');
    const behind = await sendProbes(city, '440000', 50, 1, 'echo', 'drill');
    // Each batch sent is audited at the sender, once, with what was asked.
    const sent = await fed.sql<{ action: string; resource_id: string; after: Record<string, unknown> }>(
      '440300',
      `SELECT action, resource_id, after FROM audit_entry WHERE resource_type = 'probe-batch' ORDER BY id`,
    );
    expect(sent).toEqual([
      {
        action: 'probe-batch.create',
        resource_id: poison,
        after: { target: '440000', count: 1, keys: 1, mode: 'reject', keyPrefix: 'drill' },
      },
      {
        action: 'probe-batch.create',
        resource_id: behind,
        after: { target: '440000', count: 50, keys: 1, mode: 'echo', keyPrefix: 'drill' },
      },
    ]);

    expect(await waitForDelivery(city, province, behind, 50)).toMatchObject({
      handled: 50,
      distinct: 50,
      outOfOrder: 0,
    });
    const letters = await waitFor(
      'one dead letter',
      () => province.get<DeadLetterView[]>('/api/v1/messaging/dead-letters'),
      (l) => l.length === 1,
    );
    expect(letters[0]).toMatchObject({
      type: 'kaf.federation.v1.Probe',
      source: '440300',
      attempts: MAX_ATTEMPTS,
      replayedAt: null,
      reason: expect.stringContaining(`batch ${poison} rejected`),
    });
    expect(
      await metricValue(province, 'kaf_inbox_dead_letters_total', { type: 'kaf.federation.v1.Probe' }),
    ).toBe(1);
    expect(
      await metricValue(province, 'kaf_inbox_handler_failures_total', { type: 'kaf.federation.v1.Probe' }),
    ).toBe(MAX_ATTEMPTS);
    const n = await fed.count(
      '440000',
      'SELECT count(*)::int AS n FROM federation_probe_received WHERE batch_id = $1',
      [poison],
    );
    expect(n).toBe(0);

    // The same dead letter is published on the node's dead-letter topic for operators.
    const records = await readRecords(`${fed.namespace}.440000.dlq`, () => true, 1, 30_000);
    const published = records.map((r) => {
      // Like every record we publish, it is an envelope; its payload is the DeadLetter.
      const letter = fromBinary(DeadLetterSchema, fromBinary(EnvelopeSchema, r.value).payload);
      return { messageId: letter.envelope?.id ?? '', attempts: letter.attempts };
    });
    expect(published).toEqual([{ messageId: letters[0]!.messageId, attempts: MAX_ATTEMPTS }]);
  });

  const replayAudits = () =>
    fed.sql<{
      action: string;
      resource_id: string;
      actor_subject: string;
      before: DeadLetterView;
      after: DeadLetterView;
    }>(
      '440000',
      `SELECT action, resource_id, actor_subject, before, after FROM audit_entry
        WHERE resource_type = 'dead-letter' ORDER BY id`,
    );

  it('replays a dead letter on request, and parks it again when it still fails', async () => {
    const [letter] = await province.get<DeadLetterView[]>('/api/v1/messaging/dead-letters');
    expect(await replayAudits()).toEqual([]);
    const replay = await province.post<DeadLetterView>(
      `/api/v1/messaging/dead-letters/${letter!.id}/replay`,
      {},
    );
    expect(replay.status).toBe(202);
    expect(replay.body.replayedAt).not.toBeNull();

    const again = await province.post(`/api/v1/messaging/dead-letters/${letter!.id}/replay`, {});
    expect(again.status).toBe(409);
    // The replay is audited in its transaction, with the letter before and after; the refused one is not.
    expect(await replayAudits()).toEqual([
      {
        action: 'dead-letter.replay',
        resource_id: letter!.id,
        actor_subject: expect.any(String),
        before: expect.objectContaining({ id: letter!.id, replayedAt: null }),
        after: expect.objectContaining({ id: letter!.id, replayedAt: replay.body.replayedAt }),
      },
    ]);

    const all = await waitFor(
      'the replayed message dead-lettered again',
      () => province.get<DeadLetterView[]>('/api/v1/messaging/dead-letters?includeReplayed=true'),
      (l) => l.length === 2,
    );
    expect(new Set(all.map((l) => l.messageId))).toEqual(new Set([letter!.messageId]));
    expect(await metricValue(province, 'kaf_inbox_dead_letters_total')).toBe(2);
  });

  it('parks malformed records without stalling the partition, and accepts an upper-case message id', async () => {
    const topic = `${fed.namespace}.440000.in`;
    const envelope = (id: string, type: string, key: string): Buffer => {
      const payload = create(ProbeSchema, {
        batchId: '01a20923-d583-7155-8e59-5474606c1ee2',
        key,
        sequence: 1,
        mode: ProbeMode.ONEWAY,
      });
      return Buffer.from(
        toBinary(
          EnvelopeSchema,
          create(EnvelopeSchema, {
            id,
            type,
            source: '440300',
            target: '440000',
            key,
            payload: toBinary(ProbeSchema, payload),
          }),
        ),
      );
    };
    const upper = uuidv7().toUpperCase();
    const producer = kafkaClient().producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'malformed', value: Buffer.from('not a protobuf envelope \u0000\u0001') },
        { key: 'malformed', value: envelope(uuidv7(), 'kaf.federation.v1.Probe\u0000', 'malformed') },
        {
          key: 'malformed',
          value: envelope('12345678901234567890123456789012345A', ProbeSchema.typeName, 'malformed'),
        },
        { key: 'malformed', value: envelope(upper, ProbeSchema.typeName, 'malformed') },
      ],
    });
    await producer.disconnect();

    // The well-formed record behind the three bad ones is handled, under its canonical id.
    await waitFor(
      'the upper-case probe handled',
      () =>
        fed.count('440000', 'SELECT count(*)::int AS n FROM federation_probe_received WHERE probe_id = $1', [
          upper.toLowerCase(),
        ]),
      (n) => n === 1,
    );
    const letters = await waitFor(
      'three malformed records parked',
      () => province.get<DeadLetterView[]>('/api/v1/messaging/dead-letters?includeReplayed=true'),
      (l) => l.filter((d) => d.type === null).length === 3,
    );
    expect(
      letters
        .filter((d) => d.type === null)
        .map((d) => d.reason)
        .sort(),
    ).toEqual([
      expect.stringContaining('envelope cannot be decoded'),
      expect.stringContaining('envelope id "12345678901234567890123456789012345A" is not a UUID'),
      expect.stringContaining('control characters'),
    ]);
  });

  it('answers 400 naming the field for a malformed listing query and 404 for an unknown dead letter', async () => {
    const bad = await fetch(`${province.url}/api/v1/messaging/dead-letters?limit=0`, {
      headers: { authorization: `Bearer ${await adminToken()}` },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('limit');

    const missing = await province.post(
      '/api/v1/messaging/dead-letters/01a20923-d583-7155-8e59-5474606c1ee2/replay',
      {},
    );
    expect(missing.status).toBe(404);
    expect(await replayAudits()).toHaveLength(1);
  });
});
