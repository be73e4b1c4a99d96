import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type FigureCell, FigureCellSchema, FiguresReportedSchema } from '@kaf/contracts';
import type { OutgoingMessage } from '@kaf/messaging';
import type { OutgoingCell } from '../figure-cell';

/**
 * One message per city, billing month and chunk of `perMessage` cells, keyed by measure, city and
 * month, so a month's reports keep their order on one partition and a burst costs a handful of
 * messages.
 */
export function figuresMessages(
  measure: string,
  reporter: string,
  target: string,
  cells: readonly OutgoingCell[],
  perMessage: number,
): OutgoingMessage<typeof FiguresReportedSchema>[] {
  const byLine = new Map<string, FigureCell[]>();
  for (const cell of cells) {
    const line = `${cell.cityCode}:${cell.billingMonth}`;
    const list = byLine.get(line) ?? [];
    list.push(toWire(cell));
    byLine.set(line, list);
  }
  const messages: OutgoingMessage<typeof FiguresReportedSchema>[] = [];
  for (const [line, list] of [...byLine].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < list.length; i += perMessage) {
      messages.push({
        schema: FiguresReportedSchema,
        payload: create(FiguresReportedSchema, { measure, reporter, cells: list.slice(i, i + perMessage) }),
        target,
        key: `${measure}:${line}`,
      });
    }
  }
  return messages;
}

function toWire(cell: OutgoingCell): FigureCell {
  return create(FigureCellSchema, {
    cityCode: cell.cityCode,
    billingMonth: cell.billingMonth,
    key: cell.key,
    version: cell.version,
    changedAt: timestampFromDate(cell.changedAt),
    body: cell.body,
  });
}
