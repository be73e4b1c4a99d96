import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { NodeStatusReportSchema, ProbeMode, ProbeSchema } from '@kaf/contracts';
import { uuidv7 } from '@kaf/platform';
import { FederationFixture } from '../support/federation-fixture';
import { sendAllAs } from '../support/inbox-injection';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';

/**
 * A province as a real process, fed raw envelopes: a message from a sender its handler does not
 * declare is dead-lettered at once with the reason, and the genuine messages around it in the
 * same partition (even of the same batch-handler run) are handled as usual.
 */
describe('handlers refuse senders they do not declare', () => {
  const fed = new FederationFixture();
  const PROVINCE = '440000';
  let province: NodeProcess;

  beforeAll(async () => {
    province = await fed.addNode(PROVINCE, 'province');
    await province.startAndWaitReady();
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const outcomes = (ids: readonly string[]) =>
    waitFor(
      `${ids.length} messages through ${PROVINCE}'s inbox`,
      () =>
        fed.sql<{ message_id: string; outcome: string }>(
          PROVINCE,
          'SELECT message_id, outcome FROM messaging_inbox WHERE message_id = ANY($1::uuid[])',
          [ids],
        ),
      (rows) => rows.length === ids.length,
    ).then((rows) => ids.map((id) => rows.find((r) => r.message_id === id)!.outcome));
  const deadLetter = (id: string) =>
    fed
      .sql<{ reason: string; attempts: number; source: string }>(
        PROVINCE,
        'SELECT reason, attempts, source FROM messaging_dead_letter WHERE message_id = $1',
        [id],
      )
      .then((rows) => rows[0]);

  it('dead-letters a status report from a city of another province, then takes the genuine one behind it', async () => {
    const before = await metricValue(province, 'kaf_inbox_dead_letters_total', {
      type: NodeStatusReportSchema.typeName,
    });
    const report = (nodeCode: string, sequence: bigint) =>
      create(NodeStatusReportSchema, {
        nodeCode,
        tier: 'city',
        version: 'test',
        sequence,
        startedAt: timestampFromDate(new Date()),
        reportedAt: timestampFromDate(new Date()),
      });
    const [forged, genuine] = await sendAllAs(fed.namespace, PROVINCE, 'status', [
      { source: '330100', schema: NodeStatusReportSchema, payload: report('330100', 1n) },
      { source: '440300', schema: NodeStatusReportSchema, payload: report('440300', 7n) },
    ]);

    expect(await outcomes([forged!, genuine!])).toEqual(['dead_lettered', 'handled']);
    expect(await deadLetter(forged!)).toEqual({
      reason: 'sender 330100 refused for kaf.federation.v1.NodeStatusReport: not a child of this node',
      attempts: 1,
      source: '330100',
    });
    const children = await fed.sql<{ child_code: string; sequence: string }>(
      PROVINCE,
      `SELECT child_code, sequence::text FROM federation_child_status WHERE child_code IN ('330100', '440300')`,
    );
    expect(children).toEqual([{ child_code: '440300', sequence: '7' }]);
    expect(
      await metricValue(province, 'kaf_inbox_dead_letters_total', { type: NodeStatusReportSchema.typeName }),
    ).toBe(before + 1);
  });

  it('takes a stranger out of a batch-handler run without failing the probes around it', async () => {
    const batchId = uuidv7();
    const probe = (sequence: number) =>
      create(ProbeSchema, {
        batchId,
        key: 'declared-senders',
        sequence,
        mode: ProbeMode.ONEWAY,
        sentAt: timestampFromDate(new Date()),
      });
    const ids = await sendAllAs(fed.namespace, PROVINCE, 'declared-senders', [
      { source: '440300', schema: ProbeSchema, payload: probe(1) },
      { source: '999900', schema: ProbeSchema, payload: probe(2) },
      { source: 'CN', schema: ProbeSchema, payload: probe(3) },
    ]);

    expect(await outcomes(ids)).toEqual(['handled', 'dead_lettered', 'handled']);
    expect((await deadLetter(ids[1]!))?.reason).toBe(
      'sender 999900 refused for kaf.federation.v1.Probe: not a node of the federation',
    );
    const received = await fed.sql<{ source: string; sequence: number }>(
      PROVINCE,
      'SELECT source, sequence FROM federation_probe_received WHERE batch_id = $1 ORDER BY sequence',
      [batchId],
    );
    expect(received).toEqual([
      { source: '440300', sequence: 1 },
      { source: 'CN', sequence: 3 },
    ]);
  });
});
