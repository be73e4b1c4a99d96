import { type Json, type NodeApi, field } from '../seed/node-api';
import { idTag } from './load-plan';

const CREATE_CONCURRENCY = 4;
const MAX_NUMBER_ATTEMPTS = 5;
const ROUTE_POLL_MS = 500;

/** A billing account as a city lists it (`GET /api/v1/customers/{id}/billing-accounts`). */
export interface CityAccount {
  source: string;
  accountNumber: string;
  openedOn: string;
  closedOn: string | null;
  /** Holders by billing month, oldest first. */
  holders: readonly { fromMonth: string; customerId: string }[];
}

/** A row of the province's copy of its cities' accounts (`GET /api/v1/billing-accounts`). */
export interface ProvinceAccount {
  cityCode: string;
  accountNumber: string;
  openedOn: string;
  closedOn: string | null;
}

/** Whether the account is open in every one of `months` (ascending). */
function openIn(a: { openedOn: string; closedOn: string | null }, months: readonly string[]): boolean {
  return (
    a.openedOn.slice(0, 7) <= months[0]! && (a.closedOn === null || a.closedOn.slice(0, 7) >= months.at(-1)!)
  );
}

/** The holder of `month`: the holder row with the greatest from-month not after it. */
function holderOf(account: CityAccount, month: string): string | undefined {
  let holder: string | undefined;
  for (const h of account.holders) if (h.fromMonth <= month) holder = h.customerId;
  return holder;
}

/**
 * The number of an account of `source` that `customerId` holds, open, in every month of the
 * load: events sent by that number are booked for that customer. The lowest such number, or
 * undefined when the customer has none.
 */
export function accountCovering(
  accounts: readonly CityAccount[],
  customerId: string,
  source: string,
  months: readonly string[],
): string | undefined {
  return accounts
    .filter(
      (a) => a.source === source && openIn(a, months) && months.every((m) => holderOf(a, m) === customerId),
    )
    .map((a) => a.accountNumber)
    .sort()[0];
}

/**
 * The number a load gives the `index`-th customer of a city that has no account of its source:
 * derived from the city and the seed, so that loads with the same seed ask for the same numbers
 * and no two cities ever ask for the same one. `attempt` > 1 when the number was taken.
 */
export function accountNumberFor(cityCode: string, seed: string, index: number, attempt = 1): string {
  const base = `${cityCode}-${idTag(seed)}-${index + 1}`;
  return attempt === 1 ? base : `${base}.${attempt}`;
}

/**
 * The account numbers that the province cannot route to their city in every month of the load
 * yet: none of its rows of that number names the expected city and is open in each month.
 */
export function unroutable(
  rows: readonly ProvinceAccount[],
  expected: ReadonlyMap<string, string>,
  months: readonly string[],
): string[] {
  const byNumber = new Map<string, ProvinceAccount[]>();
  for (const r of rows) {
    const list = byNumber.get(r.accountNumber);
    if (list) list.push(r);
    else byNumber.set(r.accountNumber, [r]);
  }
  return [...expected]
    .filter(([number, city]) => {
      const copies = (byNumber.get(number) ?? []).filter((r) => r.cityCode === city);
      return !months.every((m) => copies.some((r) => openIn(r, [m])));
    })
    .map(([number]) => number)
    .sort();
}

/**
 * A billing account of `source` for each customer, open over `months`: the customer's own when
 * it holds one, else one created through the city's REST API (opened on the first day of the
 * first month; a number already taken is drawn again). Returns customer id → account number.
 */
export async function ensureBillingAccounts(
  api: NodeApi,
  customers: readonly string[],
  options: { source: string; seed: string; months: readonly string[] },
  progress: (line: string) => void = () => undefined,
): Promise<Map<string, string>> {
  const accounts = new Map<string, string>();
  let created = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < customers.length) {
      const index = next++;
      const customerId = customers[index]!;
      const path = `/api/v1/customers/${customerId}/billing-accounts`;
      const own = accountCovering(
        await customerAccounts(api, customerId),
        customerId,
        options.source,
        options.months,
      );
      if (own !== undefined) {
        accounts.set(customerId, own);
        continue;
      }
      for (let attempt = 1; ; attempt++) {
        const accountNumber = accountNumberFor(api.code, options.seed, index, attempt);
        const body = await api.create(path, {
          source: options.source,
          accountNumber,
          openedOn: `${options.months[0]}-01`,
        });
        if (body) {
          accounts.set(customerId, field(body, 'accountNumber', `POST ${path}`));
          created++;
          break;
        }
        if (attempt >= MAX_NUMBER_ATTEMPTS) {
          throw new Error(`${api.code}: could not create a billing account for customer ${customerId}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
  if (created > 0) progress(`${api.code}: created ${created} billing account(s) of ${options.source}`);
  return accounts;
}

/**
 * Waits until the province routes every expected account (number → city) in every month of the
 * load, polling its copy of its cities' accounts; the cities' snapshots reach it shortly after
 * the accounts are created. Returns the numbers still unroutable when `timeoutMs` ran out.
 */
export async function waitForRoutes(
  province: NodeApi,
  source: string,
  expected: ReadonlyMap<string, string>,
  months: readonly string[],
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const path = `/api/v1/billing-accounts?source=${encodeURIComponent(source)}`;
  for (;;) {
    const missing = unroutable((await province.list(path)).map(provinceAccountOf), expected, months);
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await new Promise((resolve) => setTimeout(resolve, ROUTE_POLL_MS));
  }
}

function text(body: Json, name: string, what: string): string | null {
  const value = body[name];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new Error(`${what}: '${name}' is not a string`);
  return value;
}

/** The accounts a city lists for one customer (held now or before). */
export async function customerAccounts(api: NodeApi, customerId: string): Promise<CityAccount[]> {
  return (await api.list(`/api/v1/customers/${customerId}/billing-accounts`)).map(cityAccountOf);
}

function cityAccountOf(body: Json): CityAccount {
  const what = 'GET /api/v1/customers/{id}/billing-accounts';
  const holders = Array.isArray(body.holders) ? (body.holders as Json[]) : [];
  return {
    source: field(body, 'source', what),
    accountNumber: field(body, 'accountNumber', what),
    openedOn: field(body, 'openedOn', what),
    closedOn: text(body, 'closedOn', what),
    holders: holders.map((h) => ({
      fromMonth: field(h, 'fromMonth', what),
      customerId: field(h, 'customerId', what),
    })),
  };
}

function provinceAccountOf(body: Json): ProvinceAccount {
  const what = 'GET /api/v1/billing-accounts';
  return {
    cityCode: field(body, 'cityCode', what),
    accountNumber: field(body, 'accountNumber', what),
    openedOn: field(body, 'openedOn', what),
    closedOn: text(body, 'closedOn', what),
  };
}
