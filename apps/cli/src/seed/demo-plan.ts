import type { IndustrySection } from '@kaf/business-codes';
import { PRODUCT_CODES } from '@kaf/catalogue';
import { addDays, shanghaiInstant } from '@kaf/platform';
import { demoCreditCode } from './credit-codes';
import { contacts, type ContactSeed, managerChain, type ManagerSeed } from './demo-people';
import { createRng, type Rng } from './prng';
import {
  AGREEMENT_TITLES,
  BRANDS,
  DEMO_GROUPS,
  FOLLOW_UPS,
  INDUSTRY_MIX,
  INDUSTRY_WORDS,
  STREETS,
  VISIT_SUMMARIES,
} from './demo-vocabulary';

export type CustomerStatus = 'prospect' | 'active' | 'suspended' | 'churned';
export type Grade = 'A' | 'B' | 'C';

export interface GroupSeed {
  name: string;
  creditCode: string;
  industry: IndustrySection;
  grade: Grade;
  leadNode: string;
}

export interface AgreementSeed {
  agreementNo: string;
  title: string;
  products: string[];
  startDate: string;
  endDate: string;
  monthlyValueFen: string;
  /** Active at once, so renewal reminders apply to it. */
  status: 'active';
}

/** An account of the demo billing system, so demo billing events can name it by number. */
export interface BillingAccountSeed {
  source: string;
  accountNumber: string;
  openedOn: string;
}

export interface VisitSeed {
  visitedAt: string;
  channel: 'onsite' | 'phone' | 'video';
  summary: string;
  followUp?: { title: string; dueAt: string };
}

export interface CustomerSeed {
  name: string;
  creditCode: string;
  industry: IndustrySection;
  classes: string[];
  grade: Grade;
  gridCode: string;
  address: string;
  managerStaffId: string;
  /** Where the lifecycle should end up; new customers start as prospects. */
  status: CustomerStatus;
  /** Index into the plan's groups when the customer is a branch of a national group. */
  group: number | undefined;
  contacts: ContactSeed[];
  agreements: AgreementSeed[];
  billingAccounts: BillingAccountSeed[];
  visits: VisitSeed[];
}

export interface CityPlan {
  code: string;
  name: string;
  managers: ManagerSeed[];
  customers: CustomerSeed[];
}

export interface DemoPlan {
  seed: string;
  today: string;
  groups: GroupSeed[];
  cities: CityPlan[];
}

export interface DemoPlanInput {
  seed: string;
  /** Shanghai calendar day agreements and visits are dated from. */
  today: string;
  /** Province codes, in topology order: the first two lead a group each. */
  provinces: readonly string[];
  cities: readonly { code: string; name: string }[];
  customersPerCity: number;
  accountManagersPerCity: number;
}

export const AGREEMENTS_PER_CITY = 6;
/** Of which this many end within the renewal reminder window (30 days). */
export const EXPIRING_AGREEMENTS_PER_CITY = 2;
export const VISITS_PER_CITY = 4;
const GROUP_BRANCHES_PER_CITY = 2;
/** The billing system the demo's accounts belong to (its token's subject). */
export const DEMO_BILLING_SOURCE = 'boss-billing';

/**
 * The whole demo data set as data: a pure function of its input, so the same seed on the same day
 * gives the same customers, codes and dates everywhere. Each part draws from its own generator.
 */
export function planDemo(input: DemoPlanInput): DemoPlan {
  const root = createRng(input.seed);
  const groups = planGroups(root.fork('groups'), input.provinces);
  const cities = input.cities.map((city) => planCity(root.fork(`city:${city.code}`), city, groups, input));
  return { seed: input.seed, today: input.today, groups, cities };
}

function planGroups(rng: Rng, provinces: readonly string[]): GroupSeed[] {
  return DEMO_GROUPS.map((g, i) => {
    const leadNode = provinces[i] ?? 'CN';
    // A group registered at HQ level carries a Beijing division code.
    const division = leadNode === 'CN' ? '110000' : leadNode;
    return {
      name: g.name,
      creditCode: demoCreditCode(rng, division),
      industry: g.industry,
      grade: g.grade,
      leadNode,
    };
  });
}

/** 深圳市 Shenzhen → 深圳 */
function shortCityName(name: string): string {
  const chinese = name.split(/\s+/)[0] ?? name;
  return chinese.replace(/市$/, '') || chinese;
}

function planCity(
  rng: Rng,
  city: { code: string; name: string },
  groups: readonly GroupSeed[],
  input: DemoPlanInput,
): CityPlan {
  const managers = managerChain(rng.fork('managers'), city.code, input.accountManagersPerCity);
  const accountManagers = managers.filter((m) => m.title === 'account_manager');
  const short = shortCityName(city.name);
  // Credit codes identify customers across runs, so they come from a stream of their own: a
  // change to any other demo detail must not turn an existing customer into a new one.
  const codeRng = rng.fork('credit-codes');
  const codes = new Set<string>();
  const uniqueCode = (): string => {
    for (;;) {
      const code = demoCreditCode(codeRng, city.code);
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };

  const branchOf = rng.sample(
    groups.map((_, i) => i),
    Math.min(GROUP_BRANCHES_PER_CITY, input.customersPerCity),
  );
  const statuses = statusDeck(rng, input.customersPerCity - branchOf.length);
  const brands = rng.sample(BRANDS, BRANDS.length);
  const names = new Set<string>();

  const customers = Array.from({ length: input.customersPerCity }, (_, i): CustomerSeed => {
    const creditCode = uniqueCode();
    const profile = rng.fork(`customer:${i}`);
    const group = branchOf[i];
    const [brand, latin] = brands[i % brands.length]!;
    const industry = group === undefined ? profile.pick(INDUSTRY_MIX) : groups[group]!.industry;
    let name =
      group === undefined
        ? `${short}${brand}${INDUSTRY_WORDS[industry] ?? '有限公司'}`
        : `${DEMO_GROUPS[group]!.short}${short}分公司`;
    if (names.has(name)) name = `${name}（${i + 1}）`;
    names.add(name);
    const grade: Grade = group === undefined ? profile.pick(['A', 'B', 'B', 'C', 'C'] as const) : 'A';
    const status: CustomerStatus = group === undefined ? statuses[i - branchOf.length]! : 'active';
    const contactCount = group !== undefined || profile.chance(0.6) ? profile.int(1, 2) : 0;
    return {
      name,
      creditCode,
      industry,
      classes: classesFor(profile, grade),
      grade,
      gridCode: `${city.code}-G${String(profile.int(1, 12)).padStart(2, '0')}`,
      address: `${short}市${profile.pick(STREETS)}${profile.int(1, 399)}号`,
      managerStaffId: accountManagers[i % accountManagers.length]!.staffId,
      status,
      group,
      contacts: contacts(profile.fork('contacts'), latin, contactCount),
      agreements: [],
      billingAccounts: planBillingAccounts(city.code, i, grade, input.today),
      visits: [],
    };
  });

  planAgreements(rng.fork('agreements'), city.code, customers, input.today);
  planVisits(rng.fork('visits'), customers, input.today);
  return { code: city.code, name: city.name, managers, customers };
}

/**
 * One account per customer, two for grade A, numbered by city and customer position (e.g.
 * 4403-0000101), so a later run finds the same numbers; opened on the first day of the month a
 * year before `today`.
 */
function planBillingAccounts(
  cityCode: string,
  index: number,
  grade: Grade,
  today: string,
): BillingAccountSeed[] {
  const openedOn = `${String(Number(today.slice(0, 4)) - 1)}-${today.slice(5, 7)}-01`;
  return Array.from({ length: grade === 'A' ? 2 : 1 }, (_, k) => ({
    source: DEMO_BILLING_SOURCE,
    accountNumber: `${cityCode.slice(0, 4)}-${String((index + 1) * 100 + k + 1).padStart(7, '0')}`,
    openedOn,
  }));
}

/** Target statuses, mostly active, shuffled so every kind appears among `n` customers. */
function statusDeck(rng: Rng, n: number): CustomerStatus[] {
  const prospects = Math.round(n * 0.15);
  const suspended = Math.round(n * 0.1);
  const churned = n >= 5 ? Math.max(1, Math.round(n * 0.05)) : 0;
  const deck: CustomerStatus[] = [
    ...Array<CustomerStatus>(prospects).fill('prospect'),
    ...Array<CustomerStatus>(suspended).fill('suspended'),
    ...Array<CustomerStatus>(churned).fill('churned'),
  ];
  while (deck.length < n) deck.push('active');
  return rng.sample(deck, n);
}

function classesFor(rng: Rng, grade: Grade): string[] {
  const classes: string[] = [];
  if (grade === 'A' || rng.chance(0.3)) classes.push('important');
  if (grade === 'A' && rng.chance(0.5)) classes.push('strategic');
  if (grade !== 'C' && rng.chance(0.4)) classes.push('high_value');
  return classes;
}

/** Agreements for some active customers; the first few end within 30 days so reminders fire. */
function planAgreements(rng: Rng, cityCode: string, customers: CustomerSeed[], today: string): void {
  const active = customers.filter((c) => c.status === 'active');
  rng.sample(active, AGREEMENTS_PER_CITY).forEach((customer, i) => {
    const expiring = i < EXPIRING_AGREEMENTS_PER_CITY;
    const daysLeft = expiring ? rng.int(5, 25) : rng.int(90, 700);
    const endDate = addDays(today, daysLeft);
    // Whole years, long enough for the agreement to have started already.
    const years = rng.int(Math.ceil((daysLeft + 2) / 365), 3);
    customer.agreements.push({
      agreementNo: `AG-${cityCode}-${String(i + 1).padStart(4, '0')}`,
      title: rng.pick(AGREEMENT_TITLES),
      products: rng.sample(PRODUCT_CODES, rng.int(1, 3)),
      startDate: addDays(endDate, -365 * years + 1),
      endDate,
      monthlyValueFen: String(rng.int(4, 800) * 500 * 100),
      status: 'active',
    });
  });
}

function planVisits(rng: Rng, customers: CustomerSeed[], today: string): void {
  const visitable = customers.filter((c) => c.status === 'active' || c.status === 'prospect');
  rng.sample(visitable, VISITS_PER_CITY).forEach((customer, i) => {
    const visit: VisitSeed = {
      visitedAt: shanghaiInstant(
        addDays(today, -rng.int(1, 20)),
        rng.int(9, 16),
        rng.pick([0, 30]),
      ).toISOString(),
      channel: rng.pick(['onsite', 'onsite', 'phone', 'video'] as const),
      summary: rng.pick(VISIT_SUMMARIES),
    };
    if (i < 2) {
      visit.followUp = {
        title: rng.pick(FOLLOW_UPS),
        dueAt: shanghaiInstant(addDays(today, rng.int(3, 14)), 18).toISOString(),
      };
    }
    customer.visits.push(visit);
  });
}
