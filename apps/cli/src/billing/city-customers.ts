import { demoCreditCode } from '../seed/credit-codes';
import { INDUSTRY_WORDS, INDUSTRY_MIX } from '../seed/demo-vocabulary';
import type { NodeApi } from '../seed/node-api';
import { field } from '../seed/node-api';
import { createRng } from '../seed/prng';

const MAX_CREATE_ATTEMPTS = 5;
const CREATE_CONCURRENCY = 4;

/**
 * Ids of `count` customers of the city, for billing: its existing customers first (in id order,
 * so the same city gives the same customers), and new ones created through its REST API when it
 * has fewer. New customers get valid credit codes drawn from `seed`; a code the city already
 * knows (409) is drawn again.
 */
export async function cityCustomers(
  api: NodeApi,
  count: number,
  seed: string,
  progress: (line: string) => void = () => undefined,
): Promise<string[]> {
  const existing = (await api.list('/api/v1/customers'))
    .map((c) => field(c, 'id', 'GET /api/v1/customers'))
    .sort();
  if (existing.length >= count) return existing.slice(0, count);
  const missing = count - existing.length;
  progress(`${api.code}: ${existing.length} customer(s), creating ${missing} more`);
  const rng = createRng(`${seed}/customers:${api.code}:${existing.length}`);
  const created: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < missing) {
      const n = next++;
      for (let attempt = 1; ; attempt++) {
        const industry = rng.pick(INDUSTRY_MIX);
        const body = await api.create('/api/v1/customers', {
          name: `${api.code}计费测试${INDUSTRY_WORDS[industry] ?? '有限公司'}${existing.length + n + 1}号`,
          creditCode: demoCreditCode(rng, api.code),
          industry,
          grade: rng.pick(['A', 'B', 'B', 'C', 'C'] as const),
        });
        if (body) {
          created.push(field(body, 'id', 'POST /api/v1/customers'));
          break;
        }
        if (attempt >= MAX_CREATE_ATTEMPTS)
          throw new Error(`${api.code}: could not create customer ${n + 1}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
  return [...existing, ...created.sort()];
}
