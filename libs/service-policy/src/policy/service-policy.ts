import type { SlaClock } from '@kaf/platform';
import {
  GRADE_A_CLASSES,
  SLA_GRADES,
  type SlaGrade,
  TICKET_SEVERITIES,
  TICKET_TYPES,
  type TicketSeverity,
  type TicketType,
} from '../sla-vocabulary';

/** Clock minutes to the first response and to restore (faults) or resolve (the other types). */
export interface SlaTarget {
  responseMinutes: number;
  restoreMinutes: number;
  clock: SlaClock;
}

/** One row of the SLA table. */
export interface SlaTargetRule extends SlaTarget {
  ticketType: TicketType;
  severity: TicketSeverity;
  grade: SlaGrade;
}

/** The figures of a service policy, as published and as a PUT sets them. */
export interface ServicePolicyFigures {
  /** Every ticket type × severity × grade exactly once, in vocabulary order. */
  targets: SlaTargetRule[];
  returnVisitDays: number;
  autoCloseDays: number;
  faultCheckAnswerMinutes: number;
}

/** Who a ticket's targets are looked up for. */
export interface TargetSubject {
  ticketType: string;
  severity: string;
  grade: string;
  classes: readonly string[];
}

/** The service policy in force at a node: what tickets are timed by. */
export interface ServicePolicy {
  /** The node whose version is in force (CN, or a province overriding it); '' for the built-in defaults. */
  issuer: string;
  /** That node's version (0: the built-in defaults). */
  version: bigint;
  targetFor(subject: TargetSubject): SlaTarget;
  /** A return visit is due this many days after resolution. */
  returnVisitDays: number;
  /** A resolved ticket closes by itself after this many days. */
  autoCloseDays: number;
  /** A node answers a fault check (found / not found) within this. */
  faultCheckAnswerMinutes: number;
}

/**
 * The grade whose row applies: an A-grade customer, or an important or strategic one of any grade,
 * gets grade A's (the tightest); an unknown grade is served as the lowest, never refused, since a
 * ticket must be timed whatever the customer record holds.
 */
export function targetGrade(grade: string, classes: readonly string[]): SlaGrade {
  if (classes.some((c) => GRADE_A_CLASSES.includes(c))) return 'A';
  return (SLA_GRADES as readonly string[]).includes(grade) ? (grade as SlaGrade) : 'C';
}

const rowKey = (ticketType: string, severity: string, grade: string) => `${ticketType}/${severity}/${grade}`;

export function servicePolicyOf(
  figures: ServicePolicyFigures,
  issuer: string,
  version: bigint,
): ServicePolicy {
  const rows = new Map(figures.targets.map((t) => [rowKey(t.ticketType, t.severity, t.grade), t]));
  return {
    issuer,
    version,
    returnVisitDays: figures.returnVisitDays,
    autoCloseDays: figures.autoCloseDays,
    faultCheckAnswerMinutes: figures.faultCheckAnswerMinutes,
    targetFor(subject) {
      const grade = targetGrade(subject.grade, subject.classes);
      // A policy is checked whole on publication and on receipt: every row is there.
      const row = rows.get(rowKey(subject.ticketType, subject.severity, grade));
      if (!row) {
        throw new RangeError(`no SLA target for ${rowKey(subject.ticketType, subject.severity, grade)}`);
      }
      return { responseMinutes: row.responseMinutes, restoreMinutes: row.restoreMinutes, clock: row.clock };
    },
  };
}

const DAY = 24 * 60;

/** Grade A's targets (response, restore or resolve), in clock minutes; B doubles them, C triples the time to restore. */
const GRADE_A_MINUTES: Record<TicketType, Record<TicketSeverity, [number, number]>> = {
  fault: { critical: [15, 4 * 60], major: [30, 8 * 60], minor: [60, DAY] },
  complaint: { critical: [60, DAY], major: [120, 2 * DAY], minor: [240, 3 * DAY] },
  inquiry: { critical: [60, DAY], major: [120, DAY], minor: [240, 2 * DAY] },
  serviceRequest: { critical: [120, 2 * DAY], major: [240, 3 * DAY], minor: [480, 5 * DAY] },
};
const GRADE_FACTORS: Record<SlaGrade, { response: number; restore: number }> = {
  A: { response: 1, restore: 1 },
  B: { response: 2, restore: 2 },
  C: { response: 4, restore: 3 },
};

/** Faults run on a 24×7 clock; complaints, inquiries and service requests on working days. */
export const DEFAULT_CLOCKS: Record<TicketType, SlaClock> = {
  fault: 'continuous',
  complaint: 'workingDays',
  inquiry: 'workingDays',
  serviceRequest: 'workingDays',
};

/** What every node applies until a service policy is published (version 0). */
export const DEFAULT_SERVICE_POLICY: ServicePolicyFigures = {
  targets: TICKET_TYPES.flatMap((ticketType) =>
    TICKET_SEVERITIES.flatMap((severity) =>
      SLA_GRADES.map((grade) => {
        const [response, restore] = GRADE_A_MINUTES[ticketType][severity];
        return {
          ticketType,
          severity,
          grade,
          responseMinutes: response * GRADE_FACTORS[grade].response,
          restoreMinutes: restore * GRADE_FACTORS[grade].restore,
          clock: DEFAULT_CLOCKS[ticketType],
        };
      }),
    ),
  ),
  returnVisitDays: 3,
  autoCloseDays: 7,
  faultCheckAnswerMinutes: 30,
};

/** Rows in vocabulary order, so equal tables compare equal. */
export function canonicalTargets(targets: readonly SlaTargetRule[]): SlaTargetRule[] {
  const order = (t: SlaTargetRule) =>
    (TICKET_TYPES.indexOf(t.ticketType) * TICKET_SEVERITIES.length + TICKET_SEVERITIES.indexOf(t.severity)) *
      SLA_GRADES.length +
    SLA_GRADES.indexOf(t.grade);
  return [...targets].sort((a, b) => order(a) - order(b));
}

/** Whether two policies hold the same figures (a PUT of the figures in force changes nothing). */
export function sameFigures(a: ServicePolicyFigures, b: ServicePolicyFigures): boolean {
  const rows = (f: ServicePolicyFigures) =>
    JSON.stringify([
      canonicalTargets(f.targets).map((t) => [
        t.ticketType,
        t.severity,
        t.grade,
        t.responseMinutes,
        t.restoreMinutes,
        t.clock,
      ]),
      f.returnVisitDays,
      f.autoCloseDays,
      f.faultCheckAnswerMinutes,
    ]);
  return rows(a) === rows(b);
}
