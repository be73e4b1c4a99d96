/**
 * The account-manager chain: 客户经理 (account_manager) → supervisor → 首席客户经理 (chief).
 * Titles rank strictly upward along the chain, which is what rules out cycles: a manager can only
 * report to someone of a higher rank, so following supervisors always climbs and must end at a
 * chief.
 */
export const MANAGER_TITLES = ['account_manager', 'supervisor', 'chief'] as const;
export type ManagerTitle = (typeof MANAGER_TITLES)[number];

/** Titles a manager of `title` may report to. */
export function allowedSupervisorTitles(title: ManagerTitle): readonly ManagerTitle[] {
  switch (title) {
    case 'account_manager':
      return ['supervisor', 'chief'];
    case 'supervisor':
      return ['chief'];
    case 'chief':
      return [];
  }
}

/** What the chain rules need to know about a proposed supervisor. */
export interface SupervisorCandidate {
  id: string;
  title: ManagerTitle;
  active: boolean;
  cityCode: string;
  /** Ids from the candidate up to the top of its chain (the candidate first). */
  chainIds: readonly string[];
}

export interface ChainSubject {
  /** Undefined while the manager is being created. */
  id?: string;
  title: ManagerTitle;
  cityCode: string;
}

/**
 * Why `supervisor` cannot supervise `subject`, or undefined when it can. `supervisor` is null when
 * none is proposed and undefined when the proposed id matches no manager.
 */
export function supervisorProblem(
  subject: ChainSubject,
  supervisorId: string | null,
  supervisor: SupervisorCandidate | undefined,
): string | undefined {
  if (subject.title === 'chief') {
    return supervisorId === null ? undefined : 'a chief account manager has no supervisor';
  }
  if (supervisorId === null) return `an ${subject.title} must have a supervisor`;
  if (!supervisor) return 'no account manager with this id at this node';
  if (supervisor.cityCode !== subject.cityCode) return 'the supervisor belongs to another city';
  if (subject.id !== undefined && supervisor.chainIds.includes(subject.id)) {
    return 'a manager cannot report to themselves or to someone who reports to them';
  }
  if (!supervisor.active) return 'the supervisor is inactive';
  const allowed = allowedSupervisorTitles(subject.title);
  if (!allowed.includes(supervisor.title)) {
    return `an ${subject.title} reports to a ${allowed.join(' or ')}, not to a ${supervisor.title}`;
  }
  return undefined;
}

/** Why a manager with direct reports of `reportTitles` cannot hold `title`, or undefined. */
export function reportsProblem(
  title: ManagerTitle,
  reportTitles: readonly ManagerTitle[],
): string | undefined {
  const misfit = reportTitles.find((r) => !allowedSupervisorTitles(r).includes(title));
  return misfit ? `a ${title} cannot supervise the ${misfit} who reports to this manager` : undefined;
}
