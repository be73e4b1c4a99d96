import type { CityPlan, CustomerSeed, CustomerStatus, DemoPlan } from './demo-plan';
import { field, type Json, type NodeApi } from './node-api';
import { SeedCounts } from './seed-counts';
import { STATUS_REASONS } from './demo-vocabulary';

export interface SeedApis {
  national: NodeApi;
  /** One client per city of the plan, acting as that city's administrator. */
  cities: ReadonlyMap<string, NodeApi>;
}

export interface SeedOptions {
  /** How long a city may take to receive the national groups. */
  replicaTimeoutMs: number;
  /** Customers of one city seeded at once. */
  concurrency: number;
  progress: (line: string) => void;
}

/** The lifecycle steps from a new customer (a prospect) to `target`. */
export function statusPath(target: CustomerStatus): Exclude<CustomerStatus, 'prospect'>[] {
  switch (target) {
    case 'prospect':
      return [];
    case 'active':
      return ['active'];
    case 'suspended':
      return ['active', 'suspended'];
    case 'churned':
      return ['active', 'churned'];
  }
}

/**
 * Writes the plan through the nodes' REST APIs: groups at the national node, then every city at
 * once. A record that exists already (409) is looked up and used; contacts and visits, which have
 * no natural key, are only added to customers this run created, so a second run adds nothing.
 */
export async function runSeed(plan: DemoPlan, apis: SeedApis, options: SeedOptions): Promise<SeedCounts> {
  const counts = new SeedCounts();
  const groupCodes = await seedGroups(plan, apis.national, counts);
  options.progress(`${apis.national.code}: ${plan.groups.length} group customer(s) in the registry`);
  await seedBillingPolicy(apis.national);
  options.progress(`${apis.national.code}: billing policy published (the configured defaults' figures)`);
  await Promise.all(
    plan.cities.map(async (city) => {
      const api = apis.cities.get(city.code);
      if (!api) throw new Error(`no client for city ${city.code}`);
      try {
        await seedCity(city, api, groupCodes, counts, options);
        options.progress(`${city.code}: ${describeCity(counts, city.code)}`);
      } catch (error) {
        counts.errors.push(`${city.code}: ${(error as Error).message}`);
      }
    }),
  );
  return counts;
}

function describeCity(counts: SeedCounts, code: string): string {
  const c = (k: Parameters<SeedCounts['of']>[1]): number => counts.of(code, k).created;
  const customers = counts.of(code, 'customers');
  return (
    `${customers.created} customer(s) created, ${customers.existing} already there; ` +
    `${c('account managers')} manager(s), ${c('contacts')} contact(s), ${c('agreements')} agreement(s), ` +
    `${c('billing accounts')} billing account(s), ${c('visits')} visit(s)`
  );
}

/**
 * The national billing policy, set to the figures every node applies by default: it is published
 * to every province and city without changing any value class (setting it again writes nothing).
 */
async function seedBillingPolicy(api: NodeApi): Promise<void> {
  const res = await api.request('PUT', '/api/v1/billing-policy', {
    highValueMinMonthlyFen: '5000000',
    churnDropPercent: 30,
  });
  if (res.status !== 200) throw new Error(`PUT /api/v1/billing-policy answered HTTP ${res.status}`);
}

async function seedGroups(plan: DemoPlan, api: NodeApi, counts: SeedCounts): Promise<string[]> {
  let registry: Json[] | undefined;
  const codes: string[] = [];
  for (const group of plan.groups) {
    const created = await api.create('/api/v1/group-customers', group);
    if (created) {
      counts.created(api.code, 'group customers');
      codes.push(field(created, 'groupCode', 'POST /api/v1/group-customers'));
      continue;
    }
    registry ??= await api.list('/api/v1/group-customers');
    const found = registry.find((g) => g.creditCode === group.creditCode);
    if (!found) throw new Error(`group ${group.creditCode} exists (409) but is not in the registry list`);
    counts.existing(api.code, 'group customers');
    codes.push(field(found, 'groupCode', 'GET /api/v1/group-customers'));
  }
  return codes;
}

/** Managers in chain order (chief first); returns staff id → id. */
async function seedManagers(city: CityPlan, api: NodeApi, counts: SeedCounts): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let existing: Json[] | undefined;
  for (const m of city.managers) {
    const supervisorId = m.supervisorStaffId ? ids.get(m.supervisorStaffId) : undefined;
    const created = await api.create('/api/v1/account-managers', {
      staffId: m.staffId,
      name: m.name,
      title: m.title,
      ...(supervisorId ? { supervisorId } : {}),
    });
    if (created) {
      counts.created(api.code, 'account managers');
      ids.set(m.staffId, field(created, 'id', 'POST /api/v1/account-managers'));
      continue;
    }
    existing ??= await api.list('/api/v1/account-managers');
    const found = existing.find((x) => x.staffId === m.staffId);
    if (!found) throw new Error(`manager ${m.staffId} exists (409) but is not in the list`);
    counts.existing(api.code, 'account managers');
    ids.set(m.staffId, field(found, 'id', 'GET /api/v1/account-managers'));
  }
  return ids;
}

/** Waits until the city's replica of the registry holds every group its customers join. */
async function waitForGroups(api: NodeApi, codes: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const code of codes) {
    for (;;) {
      const res = await api.request('GET', `/api/v1/group-customers/${encodeURIComponent(code)}`);
      if (res.status === 200) break;
      if (res.status !== 404)
        throw new Error(`GET /api/v1/group-customers/${code} answered HTTP ${res.status}`);
      if (Date.now() > deadline) {
        throw new Error(`group ${code} did not reach the city's replica within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function seedCity(
  city: CityPlan,
  api: NodeApi,
  groupCodes: readonly string[],
  counts: SeedCounts,
  options: SeedOptions,
): Promise<void> {
  const managerIds = await seedManagers(city, api, counts);
  const joined = [...new Set(city.customers.flatMap((c) => (c.group === undefined ? [] : [c.group])))];
  await waitForGroups(
    api,
    joined.map((g) => groupCodes[g]!),
    options.replicaTimeoutMs,
  );
  const lookup = lazyCustomerList(api);
  const queue = [...city.customers];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      try {
        await seedCustomer(c, api, { managerIds, groupCodes, lookup }, counts);
      } catch (error) {
        counts.errors.push(`${city.code} customer ${c.creditCode}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}

/** The city's customer list, fetched once, when the first duplicate needs looking up. */
function lazyCustomerList(api: NodeApi): () => Promise<Json[]> {
  let list: Promise<Json[]> | undefined;
  return () => (list ??= api.list('/api/v1/customers'));
}

interface CustomerContext {
  managerIds: ReadonlyMap<string, string>;
  groupCodes: readonly string[];
  lookup: () => Promise<Json[]>;
}

async function seedCustomer(
  c: CustomerSeed,
  api: NodeApi,
  ctx: CustomerContext,
  counts: SeedCounts,
): Promise<void> {
  const managerId = ctx.managerIds.get(c.managerStaffId);
  const created = await api.create('/api/v1/customers', {
    name: c.name,
    creditCode: c.creditCode,
    industry: c.industry,
    classes: c.classes,
    grade: c.grade,
    gridCode: c.gridCode,
    address: c.address,
    ...(managerId ? { managerId } : {}),
  });
  let id: string;
  let status: string;
  let groupCode: unknown;
  if (created) {
    counts.created(api.code, 'customers');
    id = field(created, 'id', 'POST /api/v1/customers');
    status = typeof created.status === 'string' ? created.status : 'prospect';
    groupCode = created.groupCode;
  } else {
    const found = (await ctx.lookup()).find((x) => x.creditCode === c.creditCode);
    if (!found) throw new Error('exists (409) but is not in the customer list');
    counts.existing(api.code, 'customers');
    id = field(found, 'id', 'GET /api/v1/customers');
    status = typeof found.status === 'string' ? found.status : '';
    groupCode = found.groupCode;
  }
  const base = `/api/v1/customers/${id}`;

  // A customer left as a prospect by an interrupted run still reaches its status.
  if (status === 'prospect') {
    for (const next of statusPath(c.status)) {
      await api.expect('POST', `${base}/status-changes`, { status: next, reason: STATUS_REASONS[next] });
      counts.created(api.code, 'status changes');
    }
  }
  if (c.group !== undefined) {
    const target = ctx.groupCodes[c.group]!;
    if (groupCode === target) counts.existing(api.code, 'group memberships');
    else {
      await api.expect('PUT', `${base}/group`, { groupCode: target });
      counts.created(api.code, 'group memberships');
    }
  }
  for (const a of c.agreements) {
    const agreement = { ...a, customerId: id, ...(managerId ? { managerId } : {}) };
    if (await api.create('/api/v1/service-agreements', agreement)) counts.created(api.code, 'agreements');
    else counts.existing(api.code, 'agreements');
  }
  for (const account of c.billingAccounts) {
    if (await api.create(`${base}/billing-accounts`, account)) counts.created(api.code, 'billing accounts');
    else counts.existing(api.code, 'billing accounts');
  }
  if (!created) return;
  for (const contact of c.contacts) {
    await api.expect('POST', `${base}/contacts`, contact);
    counts.created(api.code, 'contacts');
  }
  for (const v of c.visits) {
    await api.expect('POST', '/api/v1/visits', { customerId: id, ...v });
    counts.created(api.code, 'visits');
    if (v.followUp) counts.created(api.code, 'follow-up tasks');
  }
}
