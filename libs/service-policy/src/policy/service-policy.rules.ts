import { FieldValidationException, SLA_CLOCKS } from '@kaf/platform';
import { SLA_GRADES, TICKET_SEVERITIES, TICKET_TYPES } from '../sla-vocabulary';
import type { ServicePolicyFigures } from './service-policy';

/** A target of a year of clock minutes is a mistake, not a promise. */
export const MAX_TARGET_MINUTES = 365 * 24 * 60;
export const MAX_POLICY_DAYS = 90;
export const MAX_FAULT_CHECK_ANSWER_MINUTES = 7 * 24 * 60;

export interface FieldProblem {
  field: string;
  message: string;
}

const oneOf = (list: readonly string[]) => `must be one of ${list.join(', ')}`;
const wholeIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * Why a service policy cannot be in force, field by field (`targets.3.restoreMinutes`): the table
 * must hold every ticket type × severity × grade exactly once, so that a ticket is never without a
 * target. Checked by the issuer on PUT (400) and again by every receiver (`problem`).
 */
export function policyProblems(figures: ServicePolicyFigures): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  figures.targets.forEach((t, i) => {
    const at = `targets.${i}`;
    if (!(TICKET_TYPES as readonly string[]).includes(t.ticketType))
      problems.push({ field: `${at}.ticketType`, message: oneOf(TICKET_TYPES) });
    if (!(TICKET_SEVERITIES as readonly string[]).includes(t.severity))
      problems.push({ field: `${at}.severity`, message: oneOf(TICKET_SEVERITIES) });
    if (!(SLA_GRADES as readonly string[]).includes(t.grade))
      problems.push({ field: `${at}.grade`, message: oneOf(SLA_GRADES) });
    if (!(SLA_CLOCKS as readonly string[]).includes(t.clock))
      problems.push({ field: `${at}.clock`, message: oneOf(SLA_CLOCKS) });
    if (!wholeIn(t.responseMinutes, 1, MAX_TARGET_MINUTES))
      problems.push({
        field: `${at}.responseMinutes`,
        message: `must be whole minutes, 1 … ${MAX_TARGET_MINUTES}`,
      });
    if (!wholeIn(t.restoreMinutes, 1, MAX_TARGET_MINUTES))
      problems.push({
        field: `${at}.restoreMinutes`,
        message: `must be whole minutes, 1 … ${MAX_TARGET_MINUTES}`,
      });
    else if (t.restoreMinutes < t.responseMinutes)
      problems.push({ field: `${at}.restoreMinutes`, message: 'must not be shorter than responseMinutes' });
    const key = `${t.ticketType}/${t.severity}/${t.grade}`;
    if (seen.has(key)) problems.push({ field: at, message: `repeats the row of ${key}` });
    seen.add(key);
  });
  for (const ticketType of TICKET_TYPES)
    for (const severity of TICKET_SEVERITIES)
      for (const grade of SLA_GRADES) {
        const key = `${ticketType}/${severity}/${grade}`;
        if (!seen.has(key)) problems.push({ field: 'targets', message: `has no row for ${key}` });
      }
  if (!wholeIn(figures.returnVisitDays, 1, MAX_POLICY_DAYS))
    problems.push({ field: 'returnVisitDays', message: `must be whole days, 1 … ${MAX_POLICY_DAYS}` });
  if (!wholeIn(figures.autoCloseDays, 1, MAX_POLICY_DAYS))
    problems.push({ field: 'autoCloseDays', message: `must be whole days, 1 … ${MAX_POLICY_DAYS}` });
  if (!wholeIn(figures.faultCheckAnswerMinutes, 1, MAX_FAULT_CHECK_ANSWER_MINUTES))
    problems.push({
      field: 'faultCheckAnswerMinutes',
      message: `must be whole minutes, 1 … ${MAX_FAULT_CHECK_ANSWER_MINUTES}`,
    });
  return problems;
}

/** The figures of a PUT, refused with a 400 naming every faulty field. */
export function checkedPolicy(figures: ServicePolicyFigures): ServicePolicyFigures {
  const problems = policyProblems(figures);
  if (problems.length > 0) throw new FieldValidationException(problems);
  return figures;
}
