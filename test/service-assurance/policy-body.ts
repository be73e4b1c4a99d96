import type { ServicePolicyView } from '@kaf/service-policy';

type PolicyFigures = Pick<
  ServicePolicyView,
  'targets' | 'returnVisitDays' | 'autoCloseDays' | 'faultCheckAnswerMinutes'
>;

/** The body of `PUT /api/v1/service-policy` that publishes `policy`: its rows and figures as they are. */
export function servicePolicyBody(policy: PolicyFigures) {
  return {
    targets: policy.targets.map(
      ({ ticketType, severity, grade, responseMinutes, restoreMinutes, clock }) => ({
        ticketType,
        severity,
        grade,
        responseMinutes,
        restoreMinutes,
        clock,
      }),
    ),
    returnVisitDays: policy.returnVisitDays,
    autoCloseDays: policy.autoCloseDays,
    faultCheckAnswerMinutes: policy.faultCheckAnswerMinutes,
  };
}
