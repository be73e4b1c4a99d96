import { creditCodeCheckCharacter } from '@kaf/business-codes';

let sequence = 0;

/** A valid, unique GB 32100 credit code issued in `division` (a GB/T 2260 code). */
export function creditCode(division = '440300'): string {
  sequence += 1;
  const org = `MA${String(Date.now() % 1e4).padStart(4, '0')}${String(sequence).padStart(3, '0')}`;
  const first17 = `91${division}${org}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export interface CustomerBody {
  name: string;
  creditCode: string;
  industry: string;
  grade: string;
  classes?: string[];
  gridCode?: string;
  address?: string;
  managerId?: string;
}

/** A valid create-customer body; override what the case is about (wrong types included). */
export function customerBody(overrides: Record<string, unknown> = {}): CustomerBody {
  return {
    name: `测试企业 ${sequence + 1}`,
    creditCode: creditCode(),
    industry: 'I',
    grade: 'B',
    ...overrides,
  };
}
