import { timestampDate } from '@bufbuild/protobuf/wkt';
import { FiguresReportedSchema } from '@kaf/contracts';
import type { OutgoingCell } from '../figure-cell';
import { figuresMessages } from './report-messages';

const cell = (city: string, month: string, key: string, version = 1n): OutgoingCell => ({
  cityCode: city,
  billingMonth: month,
  key,
  version,
  changedAt: new Date('2026-05-01T00:00:00Z'),
  body: new Uint8Array([1, 2, 3]),
});

describe('figures messages', () => {
  it('sends one message per city, month and chunk, keyed by measure, city and month', () => {
    const cells = [
      ...Array.from({ length: 5 }, (_, i) => cell('440300', '2026-05', `k${i}`)),
      cell('440300', '2026-04', 'k9'),
    ];
    const messages = figuresMessages('usage', '440300', '440000', cells, 2);
    expect(messages.map((m) => [m.key, m.target, m.payload.cells.length])).toEqual([
      ['usage:440300:2026-04', '440000', 1],
      ['usage:440300:2026-05', '440000', 2],
      ['usage:440300:2026-05', '440000', 2],
      ['usage:440300:2026-05', '440000', 1],
    ]);
    expect(messages.map((m) => [m.schema, m.payload.measure, m.payload.reporter])).toEqual(
      Array.from({ length: 4 }, () => [FiguresReportedSchema, 'usage', '440300']),
    );
  });

  it('keeps the cities of a province apart, and carries place, version, change time and body exactly', () => {
    const messages = figuresMessages(
      'usage',
      '440000',
      'CN',
      [cell('440300', '2026-05', '', 2n ** 62n), cell('440100', '2026-05', '')],
      2000,
    );
    expect(messages.map((m) => m.key)).toEqual(['usage:440100:2026-05', 'usage:440300:2026-05']);
    const [sent] = messages[1]!.payload.cells;
    expect(sent).toMatchObject({ cityCode: '440300', billingMonth: '2026-05', key: '', version: 2n ** 62n });
    expect(timestampDate(sent!.changedAt!)).toEqual(new Date('2026-05-01T00:00:00Z'));
    expect([...sent!.body]).toEqual([1, 2, 3]);
  });

  it('writes nothing for no cells', () => {
    expect(figuresMessages('usage', '440300', '440000', [], 2000)).toEqual([]);
  });
});
