import {
  type ManagerTitle,
  type SupervisorCandidate,
  allowedSupervisorTitles,
  reportsProblem,
  supervisorProblem,
} from './manager-chain';

function candidate(overrides: Partial<SupervisorCandidate> = {}): SupervisorCandidate {
  const id = overrides.id ?? 'sup-1';
  return {
    id,
    title: 'supervisor',
    active: true,
    cityCode: '440300',
    chainIds: [id, 'chief-1'],
    ...overrides,
  };
}

const subject = (title: ManagerTitle, id?: string) => ({ title, cityCode: '440300', ...(id ? { id } : {}) });

describe('account-manager chain rules', () => {
  it.each<[ManagerTitle, ManagerTitle[]]>([
    ['account_manager', ['supervisor', 'chief']],
    ['supervisor', ['chief']],
    ['chief', []],
  ])('a %s reports to %j', (title, expected) => {
    expect(allowedSupervisorTitles(title)).toEqual(expected);
  });

  it('accepts an account manager under an active supervisor or chief of the same city', () => {
    expect(supervisorProblem(subject('account_manager'), 'sup-1', candidate())).toBeUndefined();
    expect(
      supervisorProblem(subject('account_manager'), 'chief-1', candidate({ id: 'chief-1', title: 'chief' })),
    ).toBeUndefined();
  });

  it('accepts a supervisor under a chief and a chief with no supervisor', () => {
    const chief = candidate({ id: 'chief-1', title: 'chief', chainIds: ['chief-1'] });
    expect(supervisorProblem(subject('supervisor'), 'chief-1', chief)).toBeUndefined();
    expect(supervisorProblem(subject('chief'), null, undefined)).toBeUndefined();
  });

  it.each<[string, ManagerTitle, string | null, SupervisorCandidate | undefined, RegExp]>([
    ['a chief with a supervisor', 'chief', 'chief-2', candidate({ title: 'chief' }), /has no supervisor/],
    ['an account manager without one', 'account_manager', null, undefined, /must have a supervisor/],
    ['a supervisor without one', 'supervisor', null, undefined, /must have a supervisor/],
    ['an unknown supervisor', 'account_manager', 'ghost', undefined, /no account manager/],
    ['an inactive supervisor', 'account_manager', 'sup-1', candidate({ active: false }), /inactive/],
    [
      'a supervisor of another city',
      'account_manager',
      'sup-1',
      candidate({ cityCode: '440100' }),
      /another city/,
    ],
    [
      'an account manager under an account manager',
      'account_manager',
      'sup-1',
      candidate({ title: 'account_manager' }),
      /reports to a supervisor or chief/,
    ],
    ['a supervisor under a supervisor', 'supervisor', 'sup-1', candidate(), /reports to a chief/],
  ])('refuses %s', (_case, title, supervisorId, sup, message) => {
    expect(supervisorProblem(subject(title), supervisorId, sup)).toMatch(message);
  });

  it('refuses a supervisor whose own chain leads back to the manager (a cycle)', () => {
    const sup = candidate({ id: 'sup-1', chainIds: ['sup-1', 'am-1'] });
    expect(supervisorProblem(subject('account_manager', 'am-1'), 'sup-1', sup)).toMatch(/themselves/);
    expect(supervisorProblem(subject('account_manager', 'am-1'), 'am-1', candidate({ id: 'am-1' }))).toMatch(
      /themselves/,
    );
  });

  it('lets a title change stand only when every direct report may still report to the new title', () => {
    expect(reportsProblem('chief', ['supervisor', 'account_manager'])).toBeUndefined();
    expect(reportsProblem('supervisor', ['account_manager'])).toBeUndefined();
    expect(reportsProblem('supervisor', ['supervisor'])).toMatch(/cannot supervise the supervisor/);
    expect(reportsProblem('account_manager', ['account_manager'])).toMatch(/cannot supervise/);
    expect(reportsProblem('account_manager', [])).toBeUndefined();
  });
});
