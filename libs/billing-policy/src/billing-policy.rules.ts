import { FieldValidationException } from '@kaf/platform';
import type { BillingPolicy } from './billing-policy.reader';

/** Largest threshold accepted: 10^15 fen (10 trillion yuan a month), far inside int64. */
export const MAX_HIGH_VALUE_MIN_MONTHLY_FEN = 10n ** 15n;
/** Whole fen as a decimal string without sign or leading zeros. */
export const WHOLE_FEN = /^(0|[1-9]\d{0,15})$/;

/** Why a policy's figures are unacceptable, or undefined when they are fine. */
export function policyProblem(policy: {
  highValueMinMonthlyFen: bigint;
  churnDropPercent: number;
}): string | undefined {
  if (policy.highValueMinMonthlyFen < 0n || policy.highValueMinMonthlyFen > MAX_HIGH_VALUE_MIN_MONTHLY_FEN)
    return `highValueMinMonthlyFen ${policy.highValueMinMonthlyFen} is outside 0 … ${MAX_HIGH_VALUE_MIN_MONTHLY_FEN}`;
  if (
    !Number.isInteger(policy.churnDropPercent) ||
    policy.churnDropPercent < 1 ||
    policy.churnDropPercent > 99
  )
    return `churnDropPercent ${policy.churnDropPercent} is outside 1 … 99`;
  return undefined;
}

/** True when the two policies classify customers differently (value class depends on the threshold). */
export function changesValueClasses(before: BillingPolicy, after: BillingPolicy): boolean {
  return before.highValueMinMonthlyFen !== after.highValueMinMonthlyFen;
}

/** The figures of a PUT, checked with `policyProblem`: refused naming the field. */
export function wantedPolicy(dto: {
  highValueMinMonthlyFen: string;
  churnDropPercent: number;
}): Omit<BillingPolicy, 'version'> {
  const wanted = {
    highValueMinMonthlyFen: BigInt(dto.highValueMinMonthlyFen),
    churnDropPercent: dto.churnDropPercent,
  };
  const problem = policyProblem(wanted);
  if (problem) {
    const field = problem.startsWith('churnDropPercent') ? 'churnDropPercent' : 'highValueMinMonthlyFen';
    throw new FieldValidationException([{ field, message: problem }]);
  }
  return wanted;
}

/** Whether two policies hold the same figures (a PUT of the figures in force changes nothing). */
export function sameFigures(a: Omit<BillingPolicy, 'version'>, b: Omit<BillingPolicy, 'version'>): boolean {
  return a.highValueMinMonthlyFen === b.highValueMinMonthlyFen && a.churnDropPercent === b.churnDropPercent;
}
