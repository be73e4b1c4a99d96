import type { FieldError } from '@kaf/platform';

/** What an order and the quote it is placed from must agree on. */
export interface QuotedTerms {
  product: string;
  bandwidthMbps: number;
  aEndNode: string;
  zEndNode: string;
  /** `add` unless given; a modify quote prices a change of the circuit it names. */
  action?: string;
  circuitId?: string | null;
}

/** The order's fields that differ from its quote, named as the request names them. */
export function quoteMismatches(order: QuotedTerms, quote: QuotedTerms): FieldError[] {
  const errors: FieldError[] = [];
  const check = (field: string, ours: string | number, quoted: string | number): void => {
    if (ours !== quoted) errors.push({ field, message: `must match the quote (${quoted}), got ${ours}` });
  };
  check('product', order.product, quote.product);
  check('bandwidthMbps', order.bandwidthMbps, quote.bandwidthMbps);
  check('aEnd.nodeCode', order.aEndNode, quote.aEndNode);
  check('zEnd.nodeCode', order.zEndNode, quote.zEndNode);
  check('action', order.action ?? 'add', quote.action ?? 'add');
  if ((order.action ?? 'add') === 'modify') check('circuitId', order.circuitId ?? '', quote.circuitId ?? '');
  return errors;
}
