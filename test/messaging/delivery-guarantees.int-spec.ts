import { fromBinary } from '@bufbuild/protobuf';
import { ProbeSchema } from '@kaf/contracts';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { FederationFixture, broker, kafkaClient } from '../support/federation-fixture';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { delivery, sendProbes, waitForDelivery } from '../support/probes';
import { readRecords } from '../support/topic-reader';
import { sleep, waitFor } from '../support/wait';

/**
 * A city (440300) sends probe messages to its province (440000) through the real path: outbox
 * row in the city's database, relay, Kafka, the province's inbox. Each probe handled at the
 * province inserts a row without any uniqueness guard, so a duplicate handling would show up as
 * `handled > distinct`; `outOfOrder` counts probes that overtook a later one of the same key.
 */
describe('city → province delivery: exactly once, in order per key', () => {
  const fed = new FederationFixture();
  let city: NodeProcess;
  let province: NodeProcess;

  beforeAll(async () => {
    province = await fed.addNode('440000', 'province');
    city = await fed.addNode('440300', 'city', { RELAY_BATCH_SIZE: '100' });
    await Promise.all([province.startAndWaitReady(), city.startAndWaitReady()]);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  it('delivers a batch spread over several keys exactly once and in order', async () => {
    const batch = await sendProbes(city, '440000', 1000, 7);
    expect(await waitForDelivery(city, province, batch, 1000)).toMatchObject({
      handled: 1000,
      distinct: 1000,
      outOfOrder: 0,
    });
  });

  it('resends after the relay dies between the broker ack and marking rows sent; the province drops the copies', async () => {
    await city.stop();
    // The boot's own messages go through the relay too (a resync request per document the city
    // holds, a status report: under ten sends). With batches of 50 the probes take 40 sends, so the
    // 20th send falls among them whatever the boot sent, and half the probes are still unsent.
    await city.startAndWaitReady({
      KAF_FAULT_POINTS: 'relay.after-send:20',
      RELAY_BATCH_SIZE: '50',
      STATUS_REPORT_INTERVAL_MS: '600000',
    });
    const batch = await sendProbes(city, '440000', 2000, 5);
    const exit = await city.waitExit(60_000);
    expect(exit.signal).toBe('SIGKILL');
    const unsent = await fed.count('440300', 'SELECT count(*)::int AS n FROM messaging_outbox');
    expect(unsent).toBeGreaterThan(0);

    const duplicatesBefore = await metricValue(province, 'kaf_inbox_duplicates_total');
    await city.startAndWaitReady();
    expect(await waitForDelivery(city, province, batch, 2000)).toMatchObject({
      handled: 2000,
      distinct: 2000,
      outOfOrder: 0,
    });
    // The batch that was on the wire when the relay died went out a second time and was dropped.
    expect(await metricValue(province, 'kaf_inbox_duplicates_total')).toBeGreaterThan(duplicatesBefore);
  });

  it('handles nothing twice when the consumer dies after its database commit but before committing the offset', async () => {
    await province.stop();
    const batch = await sendProbes(city, '440000', 1500, 5);
    await province
      .startAndWaitReady({ KAF_FAULT_POINTS: 'inbox.after-commit:3', INBOX_CHUNK_SIZE: '50' })
      .catch(() => undefined);
    const exit = await province.waitExit(60_000);
    expect(exit.signal).toBe('SIGKILL');
    const partial = await fed.count(
      '440000',
      'SELECT count(*)::int AS n FROM federation_probe_received WHERE batch_id = $1',
      [batch],
    );
    expect(partial).toBeGreaterThan(0);

    await province.startAndWaitReady();
    expect(await waitForDelivery(city, province, batch, 1500)).toMatchObject({
      handled: 1500,
      distinct: 1500,
      outOfOrder: 0,
    });
    // The chunk committed just before the crash came back from Kafka and was recognised.
    expect(await metricValue(province, 'kaf_inbox_duplicates_total')).toBeGreaterThan(0);
  });

  it('keeps exactly-once and order while the broker is stopped cleanly and then killed mid-stream', async () => {
    const batches: string[] = [];
    const sending = (async () => {
      for (let i = 0; i < 12; i++) {
        batches.push(await sendProbes(city, '440000', 400, 4));
        await sleep(400);
      }
    })();
    await sleep(800);
    await broker.restart();
    await sleep(1500);
    await broker.kill();
    await broker.up();
    await sending;
    for (const batch of batches) {
      expect(await waitForDelivery(city, province, batch, 400, 180_000)).toMatchObject({
        handled: 400,
        distinct: 400,
        outOfOrder: 0,
      });
    }
  });

  it('ignores the same message published twice: the whole batch again, and one record twice more', async () => {
    const batch = await sendProbes(city, '440000', 300, 3);
    await waitForDelivery(city, province, batch, 300);
    const duplicatesBefore = await metricValue(province, 'kaf_inbox_duplicates_total');

    // Read the batch's records back from the province's inbox topic, exactly as they were published...
    const topic = `${fed.namespace}.440000.in`;
    const records = await readRecords(
      topic,
      ({ value }) => {
        const envelope = fromBinary(EnvelopeSchema, value);
        return (
          envelope.type === ProbeSchema.typeName &&
          fromBinary(ProbeSchema, envelope.payload).batchId === batch
        );
      },
      300,
    );
    // ...and publish every one of them again, and the last one twice more.
    const last = records[records.length - 1]!;
    const producer = kafkaClient().producer();
    await producer.connect();
    await producer.send({ topic, messages: [...records, last, last] });
    await producer.disconnect();

    await waitFor(
      '302 duplicates recognised',
      () => metricValue(province, 'kaf_inbox_duplicates_total'),
      (n) => n >= duplicatesBefore + 302,
    );
    expect(await delivery(province, batch)).toMatchObject({ handled: 300, distinct: 300, outOfOrder: 0 });
  });
});
