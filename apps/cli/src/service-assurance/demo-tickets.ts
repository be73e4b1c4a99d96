import type { Json, NodeApi } from '../seed/node-api';
import { until } from '../util/until';

/**
 * A service-assurance walk-through on a running federation, through the REST APIs only:
 * Guangdong's override of the service policy (complaints answered within a minute), a fault on
 * Shenzhen's cross-province circuit checked at every node carrying it and worked to closed, and a
 * complaint nobody answers, escalated to the province and acknowledged there.
 */

export const HOME = '440300';
export const PROVINCE = '440000';

/** Clients of each node, as the people who act there. */
export interface ServiceActors {
  /** Service desk of the home city (tickets). */
  desk: NodeApi;
  /** Administrator of each node (policy, escalations). */
  admin(code: string): NodeApi;
  /** Provisioning engineer of each node (fault checks). */
  engineer(code: string): NodeApi;
}

export interface DemoTicket {
  label: string;
  id: string;
  status: string;
  detail: string;
}

const ESCALATION_WAIT_MS = 180_000;

/** Guangdong's own complaint targets, over the national policy: a response within one minute. */
export async function tightenComplaints(actors: ServiceActors): Promise<void> {
  const province = actors.admin(PROVINCE);
  const inForce = await province.expect('GET', '/api/v1/service-policy');
  const targets = (inForce.targets as Json[]).map((t) =>
    t.ticketType === 'complaint'
      ? {
          ...t,
          responseMinutes: 1,
          restoreMinutes: Math.max(2, Number(t.restoreMinutes)),
          clock: 'continuous',
        }
      : t,
  );
  const put = await province.expect('PUT', '/api/v1/service-policy', {
    targets,
    returnVisitDays: inForce.returnVisitDays,
    autoCloseDays: inForce.autoCloseDays,
    faultCheckAnswerMinutes: inForce.faultCheckAnswerMinutes,
  });
  await until(
    `Guangdong's service policy in force at ${HOME}`,
    () => actors.admin(HOME).expect('GET', '/api/v1/service-policy'),
    (p) => p.issuer === PROVINCE && p.version === put.version,
  );
}

export async function openComplaint(actors: ServiceActors, customerId: string): Promise<string> {
  const ticket = await actors.desk.expect('POST', '/api/v1/trouble-tickets', {
    ticketType: 'complaint',
    severity: 'major',
    name: '账单争议未回复',
    description: '客户投诉本月专线费用计算有误，要求解释',
    channel: 'phone',
    customerId,
    reporterName: '陈女士',
    reporterPhone: '13800138001',
  });
  return String(ticket.id);
}

async function faultCheckAt(actors: ServiceActors, code: string, ticketId: string): Promise<Json> {
  const rows = await until(
    `the fault check of ${ticketId} at ${code}`,
    () => actors.engineer(code).list('/api/v1/work-orders?kind=faultCheck'),
    (list) => list.some((w) => (w.faultCheck as Json | undefined)?.ticketId === ticketId),
  );
  return rows.find((w) => (w.faultCheck as Json | undefined)?.ticketId === ticketId)!;
}

async function answer(actors: ServiceActors, code: string, check: Json, result: string, note: string) {
  await actors.engineer(code).expect('POST', `/api/v1/work-orders/${String(check.id)}/${result}`, { note });
}

/**
 * A fault on the customer's Shenzhen–Hangzhou circuit: a check at Shenzhen, CN and Hangzhou;
 * Hangzhou finds and restores it, the others find nothing; the desk resolves the ticket and the
 * return visit (satisfied, confirmed) closes it.
 */
export async function faultWorkedToClosed(actors: ServiceActors, customerId: string): Promise<DemoTicket> {
  const circuits = await actors.desk.list(`/api/v1/customers/${customerId}/circuits?state=inService`);
  const circuit = circuits.find((c) => c.aEndNode === HOME && c.zEndNode === '330100');
  if (!circuit)
    throw new Error(`no Shenzhen–Hangzhou circuit in service for ${customerId}: run 'one-stop demo' first`);
  const ticket = await actors.desk.expect('POST', '/api/v1/trouble-tickets', {
    ticketType: 'fault',
    severity: 'major',
    name: '深圳—杭州专线中断',
    description: '客户报告专线自 09:10 起中断',
    channel: 'phone',
    customerId,
    circuitId: circuit.circuitId,
    reporterName: '陈先生',
    reporterPhone: '13800138000',
  });
  const id = String(ticket.id);
  const nodes = [circuit.aEndNode, circuit.transitNode, circuit.zEndNode].filter(Boolean).map(String);
  for (const code of nodes.filter((c) => c !== '330100')) {
    await answer(actors, code, await faultCheckAt(actors, code, id), 'not-found', `${code} 段测试正常`);
  }
  const far = await faultCheckAt(actors, '330100', id);
  await answer(actors, '330100', far, 'found', '杭州接入段光缆中断');
  await answer(actors, '330100', far, 'restored', '熔接完成，业务恢复');
  await until(
    `ticket ${id} restored`,
    () => actors.desk.expect('GET', `/api/v1/trouble-tickets/${id}`),
    (t) => t.restoredAt != null,
  );
  await actors.desk.expect('PATCH', `/api/v1/trouble-tickets/${id}`, {
    status: 'resolved',
    statusChangeReason: '杭州段光缆熔接，业务恢复并经客户确认可用',
  });
  await actors.desk.expect('POST', `/api/v1/trouble-tickets/${id}/return-visit`, {
    satisfaction: 5,
    confirmed: true,
  });
  const closed = await actors.desk.expect('GET', `/api/v1/trouble-tickets/${id}`);
  return {
    label: `fault on circuit ${String(circuit.circuitId)}: checked at ${nodes.join(', ')}; found and restored at 330100`,
    id,
    status: String(closed.status),
    detail: `restored ${String(closed.restoredAt)}`,
  };
}

/** The complaint's response breach, held by the province, acknowledged there and seen at the city. */
export async function lateComplaintEscalated(actors: ServiceActors, ticketId: string): Promise<DemoTicket> {
  const province = actors.admin(PROVINCE);
  const held = await until(
    `the escalation of ${ticketId} at ${PROVINCE}`,
    () => province.list('/api/v1/escalations?subjectType=ticket&status=open'),
    (list) => list.some((e) => e.caseId === ticketId),
    ESCALATION_WAIT_MS,
  );
  const escalation = held.find((e) => e.caseId === ticketId)!;
  await province.expect('POST', `/api/v1/escalations/${String(escalation.escalationId)}/acknowledgement`, {
    note: '省客服中心已介入，督办深圳分公司',
  });
  const ticket = await until(
    `the acknowledgement on ${ticketId} at ${HOME}`,
    () => actors.desk.expect('GET', `/api/v1/trouble-tickets/${ticketId}`),
    (t) => (t.escalations as Json[]).some((e) => e.holder === PROVINCE && e.acknowledgedAt != null),
  );
  return {
    label: 'complaint left unanswered past its one-minute response target',
    id: ticketId,
    status: String(ticket.status),
    detail: (ticket.escalations as Json[])
      .map((e) => `${String(e.reason)} → ${String(e.holder)} (${String(e.status)})`)
      .join('; '),
  };
}
