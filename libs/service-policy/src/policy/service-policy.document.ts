import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type ServicePolicyPublished, ServicePolicyPublishedSchema } from '@kaf/contracts';
import { defineDocument } from '@kaf/documents';
import type { SlaClock } from '@kaf/platform';
import type { SlaGrade, TicketSeverity, TicketType } from '../sla-vocabulary';
import { canonicalTargets, type ServicePolicyFigures } from './service-policy';
import { policyProblems } from './service-policy.rules';

/**
 * The service policy: SLA targets per ticket type × severity × grade, and the days and minutes
 * tickets, return visits and fault checks are timed by. Issued by the national node; a province
 * may set its own for itself and its cities, in force over the national one until withdrawn
 * (ADR 0032, 0044).
 */
export const SERVICE_POLICY_DOCUMENT = defineDocument({
  name: 'service-policy',
  issuerTier: 'national',
  overridableBy: 'province',
  audience: {},
  schema: ServicePolicyPublishedSchema,
  problem: (body) => {
    const problems = policyProblems(policyFiguresOf(body));
    return problems.length > 0 ? problems.map((p) => `${p.field} ${p.message}`).join('; ') : undefined;
  },
});

export function toPolicyBody(
  figures: ServicePolicyFigures,
  version: bigint,
  updatedAt: Date,
): ServicePolicyPublished {
  return create(ServicePolicyPublishedSchema, {
    version,
    targets: canonicalTargets(figures.targets),
    returnVisitDays: figures.returnVisitDays,
    autoCloseDays: figures.autoCloseDays,
    faultCheckAnswerMinutes: figures.faultCheckAnswerMinutes,
    updatedAt: timestampFromDate(updatedAt),
  });
}

/** The figures of a received body, not yet checked (`policyProblems` does that). */
export function policyFiguresOf(body: ServicePolicyPublished): ServicePolicyFigures {
  return {
    targets: body.targets.map((t) => ({
      ticketType: t.ticketType as TicketType,
      severity: t.severity as TicketSeverity,
      grade: t.grade as SlaGrade,
      responseMinutes: t.responseMinutes,
      restoreMinutes: t.restoreMinutes,
      clock: t.clock as SlaClock,
    })),
    returnVisitDays: body.returnVisitDays,
    autoCloseDays: body.autoCloseDays,
    faultCheckAnswerMinutes: body.faultCheckAnswerMinutes,
  };
}

export function policyUpdatedAt(body: ServicePolicyPublished, publishedAt: Date): Date {
  return body.updatedAt ? timestampDate(body.updatedAt) : publishedAt;
}
