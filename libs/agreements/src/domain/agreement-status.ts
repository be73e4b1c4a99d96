/** Lifecycle of a service agreement. Expired and terminated are final. */
export const AGREEMENT_STATUSES = ['draft', 'active', 'expired', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Statuses an agreement may be created in. */
export const INITIAL_STATUSES = ['draft', 'active'] as const satisfies readonly AgreementStatus[];

const NEXT: Record<AgreementStatus, readonly AgreementStatus[]> = {
  draft: ['active', 'terminated'],
  active: ['terminated', 'expired'],
  expired: [],
  terminated: [],
};

export function canTransition(from: AgreementStatus, to: AgreementStatus): boolean {
  return NEXT[from].includes(to);
}

export function isFinal(status: AgreementStatus): boolean {
  return NEXT[status].length === 0;
}

export function allowedNext(from: AgreementStatus): readonly AgreementStatus[] {
  return NEXT[from];
}
