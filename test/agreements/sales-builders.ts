import { addDays, shanghaiDate } from '@kaf/platform';
import { tokenFor } from '../support/auth';
import { creditCode, customerBody } from '../support/builders';
import type { NodeProcess } from '../support/node-process';

let sequence = 0;
const unique = (): string => `${Date.now().toString(36)}${(sequence++).toString(36)}`.toUpperCase();

export interface Manager {
  id: string;
  staffId: string;
  /** Bearer token of this manager (role account_manager, subject = staff id). */
  token: string;
}

/** A chief and a supervisor, and two account managers under them, at a city node. */
export async function aSalesTeam(node: NodeProcess): Promise<{ a: Manager; b: Manager }> {
  const code = node.spec.code;
  const admin = await tokenFor({ roles: 'city_admin', node: code });
  const create = async (title: string, supervisorId?: string): Promise<Manager> => {
    const staffId = `E${code}${unique()}`;
    const res = await node.request<{ id: string }>('POST', '/api/v1/account-managers', {
      token: admin,
      body: { staffId, name: '测试经理', title, ...(supervisorId ? { supervisorId } : {}) },
    });
    if (res.status !== 201) throw new Error(`manager not created: ${res.status} ${res.text}`);
    return {
      id: res.body.id,
      staffId,
      token: await tokenFor({ roles: 'account_manager', node: code, subject: staffId }),
    };
  };
  const chief = await create('chief');
  const supervisor = await create('supervisor', chief.id);
  return {
    a: await create('account_manager', supervisor.id),
    b: await create('account_manager', supervisor.id),
  };
}

/** A customer of the city, assigned to `manager`; returns its id. */
export async function aCustomerOf(node: NodeProcess, manager: Manager): Promise<string> {
  const admin = await tokenFor({ roles: 'city_admin', node: node.spec.code });
  const res = await node.request<{ id: string }>('POST', '/api/v1/customers', {
    token: admin,
    body: customerBody({ managerId: manager.id, creditCode: creditCode(node.spec.code) }),
  });
  if (res.status !== 201) throw new Error(`customer not created: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Today's calendar day in Asia/Shanghai, moved by `days`. */
export function shanghaiDay(days = 0): string {
  return addDays(shanghaiDate(new Date()), days);
}

/** A service agreement body with sensible defaults. */
export function anAgreement(
  customerId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    agreementNo: `SZ-${unique()}`,
    customerId,
    title: '总部 SD-WAN 与互联网专线服务协议',
    products: ['sd_wan', 'dedicated_internet'],
    startDate: shanghaiDay(-300),
    endDate: shanghaiDay(400),
    monthlyValueFen: '1250000',
    ...overrides,
  };
}

export interface Problem {
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Fields a 400 problem names. */
export const fieldsOf = (body: unknown): string[] => [
  ...new Set(((body as Problem).errors ?? []).map((e) => e.field)),
];

/** A merge-patch request. */
export function mergePatch<T>(node: NodeProcess, path: string, token: string, body: unknown) {
  return node.request<T>('PATCH', path, {
    token,
    rawBody: JSON.stringify(body),
    headers: { 'content-type': 'application/merge-patch+json' },
  });
}
