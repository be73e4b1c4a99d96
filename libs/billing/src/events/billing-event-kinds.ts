import { USAGE_EVENTS } from '../ledger/usage-event.kind';
import { BILL_EVENTS, PAYMENT_EVENTS } from '../receivables/receivable-event.kinds';
import type { BillingEventKind, BillingEventKindName } from './billing-event-kind';

/** Every kind of event billing systems send, in the order a mixed batch is booked. */
export const EVENT_KINDS: readonly BillingEventKind[] = [USAGE_EVENTS, BILL_EVENTS, PAYMENT_EVENTS];

const BY_CLOUD_EVENT_TYPE = new Map(EVENT_KINDS.map((k) => [k.cloudEventType, k]));

/** The kind a CloudEvents `type` names, if any. */
export function kindOfCloudEventType(type: unknown): BillingEventKind | undefined {
  return typeof type === 'string' ? BY_CLOUD_EVENT_TYPE.get(type) : undefined;
}

export function kindNamed(name: BillingEventKindName): BillingEventKind {
  return EVENT_KINDS.find((k) => k.name === name)!;
}

/** The CloudEvents types the billing topic takes, for a reason naming them. */
export const CLOUD_EVENT_TYPES: readonly string[] = EVENT_KINDS.map((k) => k.cloudEventType);
