import { addMonths, billingMonthOf } from '@kaf/platform';

/** A usage event as billing systems send it to the REST door (and inside a CloudEvent's data). */
export interface UsageEvent {
  eventId: string;
  customerId: string;
  product: string;
  billingMonth: string;
  occurredAt: string;
  amountFen: string;
  quantity?: string;
  unit?: string;
  supersedes?: string;
}

/** The billing month `offset` months from now, in Asia/Shanghai (YYYY-MM). */
export function billingMonth(offset = 0): string {
  return addMonths(billingMonthOf(new Date()), offset);
}

let sequence = 0;

/** A fresh, valid event id: unique within the test process. */
export function nextEventId(): string {
  return `EV-${Date.now().toString(36)}-${(sequence++).toString(36)}`;
}

/** A valid event of this month (125,000 fen of sd_wan) with a fresh id; `overrides` win. */
export function anEvent(customerId: string, overrides: Partial<UsageEvent> = {}): UsageEvent {
  const month = overrides.billingMonth ?? billingMonth();
  return {
    eventId: nextEventId(),
    customerId,
    product: 'sd_wan',
    billingMonth: month,
    occurredAt: `${month}-01T08:00:00+08:00`,
    amountFen: '125000',
    quantity: '10',
    unit: 'Mbps',
    ...overrides,
  };
}
