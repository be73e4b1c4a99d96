import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  type DocumentItem,
  DocumentItemSchema,
  FigureCellSchema,
  FiguresReportedSchema,
} from '@kaf/contracts';
import { type FederatedHandlers, Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import { MetricsRegistry } from '@kaf/observability';
import type { EntityManager } from 'typeorm';
import type { ReceivedCell } from '../figure-cell';
import { UpwardFigures } from '../upward-figures';
import { UpwardFiguresMetrics } from '../upward-figures.metrics';
import type { FiguresSink } from './figures-sink';
import { FiguresReportedHandler } from './figures-reported.handler';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [
    {
      code: '440000',
      name: 'Guangdong',
      cities: [
        { code: '440300', name: 'Shenzhen' },
        { code: '440100', name: 'Guangzhou' },
      ],
    },
    { code: '330000', name: 'Zhejiang', cities: [{ code: '330100', name: 'Hangzhou' }] },
  ],
});

// Any protobuf message serves as a body here; the mechanism does not know the measure's.
const body = (key: string) => toBinary(DocumentItemSchema, create(DocumentItemSchema, { key }));
const TEST_MEASURE = { name: 'test-measure', totals: ['amountFen'] };

/** A sink that records what it is handed and keeps the highest version per place, in memory. */
class RecordingSink implements FiguresSink<typeof DocumentItemSchema> {
  readonly measure = TEST_MEASURE;
  readonly body = DocumentItemSchema;
  readonly compared = ['amountFen'];
  readonly held = new Map<string, bigint>();
  applied: { reporter: string; cells: ReceivedCell<DocumentItem>[] }[] = [];

  refuse(cell: ReceivedCell<DocumentItem>): string | undefined {
    return cell.body.key === 'bad' ? 'the body says bad' : undefined;
  }

  apply(_tx: EntityManager, reporter: string, cells: readonly ReceivedCell<DocumentItem>[]): Promise<number> {
    this.applied.push({ reporter, cells: [...cells] });
    let changed = 0;
    for (const c of cells) {
      const place = `${c.cityCode}|${c.billingMonth}|${c.key}`;
      if ((this.held.get(place) ?? 0n) >= c.version) continue;
      this.held.set(place, c.version);
      changed += 1;
    }
    return Promise.resolve(changed);
  }

  totals(): Promise<never[]> {
    return Promise.resolve([]);
  }
}

function setUp() {
  const figures = new UpwardFigures();
  const sink = new RecordingSink();
  figures.receiveInto(sink);
  const handler = new FiguresReportedHandler(
    { on: () => undefined } as unknown as FederatedHandlers,
    figures,
    new UpwardFiguresMetrics(new MetricsRegistry()),
    topology,
  );
  const receive = (
    reporter: string,
    cells: ReturnType<typeof cell>[],
    source = reporter,
    measure = TEST_MEASURE.name,
  ) =>
    handler.handle(
      create(FiguresReportedSchema, { measure, reporter, cells }),
      message(source),
      {} as EntityManager,
    );
  return { sink, receive };
}

const sentAt = new Date('2026-06-01T00:00:00Z');
const message = (source: string) => ({ id: 'm1', source, occurredAt: sentAt }) as unknown as InboundMessage;

function cell(
  city: string,
  version: bigint,
  overrides: Partial<{ month: string; key: string; body: Uint8Array; changedAt: Date }> = {},
) {
  return create(FigureCellSchema, {
    cityCode: city,
    billingMonth: overrides.month ?? '2026-05',
    key: overrides.key ?? 'k',
    version,
    body: overrides.body ?? body('ok'),
    ...(overrides.changedAt ? { changedAt: timestampFromDate(overrides.changedAt) } : {}),
  });
}

describe('receiving figures from a child', () => {
  it('hands the sink the highest version of each place, decoded, with the change time or the sending time', async () => {
    const { sink, receive } = setUp();
    const changed = new Date('2026-05-20T08:00:00Z');
    await receive('440000', [
      cell('440300', 3n, { changedAt: changed }),
      cell('440300', 5n),
      cell('440100', 2n),
      cell('440300', 4n),
    ]);
    const [{ reporter, cells }] = sink.applied as [(typeof sink.applied)[number]];
    expect(reporter).toBe('440000');
    expect(cells.map((c) => [c.cityCode, c.version, c.changedAt, c.body.key])).toEqual([
      ['440300', 5n, sentAt, 'ok'],
      ['440100', 2n, sentAt, 'ok'],
    ]);
  });

  it('reports only what changed as applied; a replay changes nothing', async () => {
    const { sink, receive } = setUp();
    await receive('440300', [cell('440300', 1n)]);
    await receive('440300', [cell('440300', 1n)]);
    expect(sink.held.get('440300|2026-05|k')).toBe(1n);
    expect(sink.applied).toHaveLength(2);
  });

  it.each([
    [
      'a measure the node does not receive',
      () => ['440300', [cell('440300', 1n)], '440300', 'arrears'],
      'arrears figures from 440300: this node receives no such measure',
    ],
    [
      'a reporter other than the sender',
      () => ['440100', [cell('440100', 1n)], '440300'],
      'the report names 440100 as its reporter',
    ],
    [
      'a city outside the sender',
      () => ['440300', [cell('440100', 1n)]],
      'is not about a city within 440300',
    ],
    [
      'a city of another province',
      () => ['440000', [cell('330100', 1n)]],
      'is not about a city within 440000',
    ],
    [
      'a malformed month',
      () => ['440300', [cell('440300', 1n, { month: '2026-13' })]],
      'has no billing month',
    ],
    ['version 0', () => ['440300', [cell('440300', 0n)]], 'has a version out of range'],
    ['a version over int64', () => ['440300', [cell('440300', 2n ** 63n)]], 'has a version out of range'],
    [
      'a key too long',
      () => ['440300', [cell('440300', 1n, { key: 'k'.repeat(257) })]],
      'has a key over 256 characters',
    ],
    [
      'a body that does not decode',
      () => ['440300', [cell('440300', 1n, { body: new Uint8Array([0xff, 0xff]) })]],
      'has a body that is not a kaf.federation.v1.DocumentItem',
    ],
    [
      'a body the sink refuses',
      () => ['440300', [cell('440300', 1n), cell('440300', 2n, { body: body('bad') })]],
      'cell 1 ("440300" "2026-05" "k" v2): the body says bad',
    ],
  ] as const)('refuses the whole message for %s', async (_what, args, reason) => {
    const { sink, receive } = setUp();
    const [reporter, cells, source, measure] = args() as unknown as [
      string,
      ReturnType<typeof cell>[],
      string?,
      string?,
    ];
    const received = receive(reporter, cells, source, measure);
    await expect(received).rejects.toThrow(PermanentMessageError);
    await expect(received).rejects.toThrow(reason);
    expect(sink.applied).toEqual([]);
  });

  it('refuses more than 10,000 cells in one message', async () => {
    const { sink, receive } = setUp();
    const cells = Array.from({ length: 10_001 }, (_, i) => cell('440300', 1n, { key: `k${i}` }));
    await expect(receive('440300', cells)).rejects.toThrow('10001 cells (at most 10000)');
    expect(sink.applied).toEqual([]);
  });
});
