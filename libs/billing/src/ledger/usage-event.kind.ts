import type { BillingEventKind } from '../events/billing-event-kind';
import { readUsageEvent, readWellFormedData, type UsageEvent } from './read-usage-event';

/** The CloudEvents `type` of a usage event on the billing topic. */
export const USAGE_EVENT_TYPE = 'cn.kaf.billing.usage.v1';

/** Usage: booked to its customer's monthly cells; names its customer, or its account. */
export const USAGE_EVENTS: BillingEventKind<UsageEvent> = {
  name: 'usage',
  cloudEventType: USAGE_EVENT_TYPE,
  restResource: 'usage-batches',
  read: readUsageEvent,
  readData: readWellFormedData,
  accountMonth: (event) => event.billingMonth,
  accountMonthField: 'billingMonth',
  ownCustomer: (event) => event.customerId,
};
