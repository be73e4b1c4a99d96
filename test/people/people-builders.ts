import { randomInt } from 'node:crypto';
import { creditCodeCheckCharacter } from '@kaf/business-codes';

let sequence = 0;
const unique = (): string => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export type ManagerTitle = 'account_manager' | 'supervisor' | 'chief';

export interface ManagerBody {
  staffId: string;
  name: string;
  title: ManagerTitle;
  supervisorId?: string | null;
  active?: boolean;
}

/** A new account manager's body with a staff id no other test uses. */
export function aManager(overrides: Partial<ManagerBody> = {}): ManagerBody {
  return { staffId: `E${unique()}`, name: '测试经理', title: 'account_manager', ...overrides };
}

/** The GB 11643 check character of the first 17 digits (ISO 7064 MOD 11-2), computed independently. */
function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11]!;
}

/** A well-formed 18-character resident ID number (Shenzhen division, a plausible birth date). */
export function anIdNumber(): string {
  const birth = `19${randomInt(50, 99)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`;
  const first17 = `440305${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheck(idNumber: string): string {
  const wrong = '0123456789X'.split('').find((c) => c !== idNumber[17])!;
  return idNumber.slice(0, 17) + wrong;
}

export function aMobile(): string {
  return `13${randomInt(0, 10)}${String(randomInt(0, 1e8)).padStart(8, '0')}`;
}

export interface ContactBody {
  name: string;
  mobile: string;
  email?: string | null;
  role: string;
  idNumber?: string | null;
  isPrimary?: boolean;
}

export function aContact(overrides: Partial<ContactBody> = {}): ContactBody {
  return {
    name: '李娜',
    mobile: aMobile(),
    email: `contact.${unique()}@example.com`,
    role: '信息部经理',
    idNumber: anIdNumber(),
    ...overrides,
  };
}

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Fields a 400 problem names. */
export const fieldsOf = (body: unknown): string[] => [
  ...new Set(((body as Problem).errors ?? []).map((e) => e.field)),
];

/** A valid unified social credit code (GB 32100) registered in Shenzhen, unique per call. */
export function aCreditCode(): string {
  const first17 = `91440300${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** A new customer's body for the customers API. */
export function aCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `深圳测试客户${unique()}有限公司`,
    creditCode: aCreditCode(),
    industry: 'I',
    grade: 'A',
    ...overrides,
  };
}
