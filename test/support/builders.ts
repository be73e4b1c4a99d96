import { creditCodeCheckCharacter } from '@kaf/business-codes';
import type { NodeIdentity } from '@kaf/federation';

let serial = 0;

/** A valid unified social credit code (GB 32100), different on every call. */
export function creditCode(division = '440300'): string {
  serial += 1;
  // 4 digits of the clock and 5 of a serial: unique within a run of up to 100,000 codes.
  const body = `91${division}${String(Date.now() % 1e4).padStart(4, '0')}${String(serial % 1e5).padStart(5, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/** A valid 18-character resident ID number (GB 11643, ISO 7064 MOD 11-2 check character). */
export function residentIdNumber(birth = '19850612', division = '440305'): string {
  serial += 1;
  const body = `${division}${birth}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A customer creation body with sensible defaults. */
export function customerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    name: `测试企业${serial}有限公司`,
    creditCode: creditCode(),
    industry: 'I',
    grade: 'A',
    classes: ['strategic'],
    gridCode: 'FT-01',
    address: '深圳市福田区深南大道1号',
    ...overrides,
  };
}

/** A node's identity as the node gives it to its services, for suites that build them by hand. */
export function nodeIdentity(
  code: string,
  name: string,
  tier: NodeIdentity['tier'],
  parentCode?: string,
): NodeIdentity {
  return { code, name, tier, ...(parentCode ? { parentCode } : {}), version: 'test', startedAt: new Date() };
}
