import type { Rng } from './prng';
import { CONTACT_ROLES, GIVEN_NAMES, SURNAMES } from './demo-vocabulary';

export type ManagerTitle = 'chief' | 'supervisor' | 'account_manager';

export interface ManagerSeed {
  staffId: string;
  name: string;
  title: ManagerTitle;
  /** Staff id of the manager's supervisor (resolved to an id when seeding). */
  supervisorStaffId: string | undefined;
}

export interface ContactSeed {
  name: string;
  mobile: string;
  email: string;
  role: (typeof CONTACT_ROLES)[number];
  isPrimary: boolean;
}

export interface Person {
  name: string;
  latin: string;
}

export function person(rng: Rng): Person {
  const [surname, surnameLatin] = rng.pick(SURNAMES);
  const [given, givenLatin] = rng.pick(GIVEN_NAMES);
  return { name: `${surname}${given}`, latin: `${surnameLatin}.${givenLatin}` };
}

/** Staff ids look like E440300-001: the city code and a number within the city. */
export function staffId(cityCode: string, n: number): string {
  return `E${cityCode}-${String(n).padStart(3, '0')}`;
}

/** A city's management chain: one chief, one supervisor under the chief, managers under the supervisor. */
export function managerChain(rng: Rng, cityCode: string, accountManagers: number): ManagerSeed[] {
  const chief: ManagerSeed = {
    staffId: staffId(cityCode, 1),
    name: person(rng).name,
    title: 'chief',
    supervisorStaffId: undefined,
  };
  const supervisor: ManagerSeed = {
    staffId: staffId(cityCode, 2),
    name: person(rng).name,
    title: 'supervisor',
    supervisorStaffId: chief.staffId,
  };
  const managers = Array.from({ length: accountManagers }, (_, i): ManagerSeed => ({
    staffId: staffId(cityCode, i + 3),
    name: person(rng).name,
    title: 'account_manager',
    supervisorStaffId: supervisor.staffId,
  }));
  return [chief, supervisor, ...managers];
}

const MOBILE_PREFIXES = ['134', '135', '138', '139', '150', '158', '182', '187', '198'];

/** `count` contacts of a company whose e-mail domain is `<domain>.example.cn`. */
export function contacts(rng: Rng, domain: string, count: number): ContactSeed[] {
  const roles = rng.sample(CONTACT_ROLES, count);
  return Array.from({ length: count }, (_, i): ContactSeed => {
    const p = person(rng);
    let mobile = rng.pick(MOBILE_PREFIXES);
    for (let d = 0; d < 8; d++) mobile += String(rng.int(0, 9));
    return {
      name: p.name,
      mobile,
      email: `${p.latin}@${domain}.example.cn`,
      role: roles[i] ?? '信息部经理',
      isPrimary: i === 0,
    };
  });
}
