import { DEFAULT_SERVICE_POLICY, servicePolicyOf, targetGrade } from './service-policy';
import { policyFiguresOf, toPolicyBody } from './service-policy.document';
import { policyProblems } from './service-policy.rules';

const policy = servicePolicyOf(DEFAULT_SERVICE_POLICY, 'defaults', 0n);
const subject = (grade: string, classes: string[] = [], ticketType = 'complaint', severity = 'major') => ({
  ticketType,
  severity,
  grade,
  classes,
});

describe('SLA targets by grade', () => {
  it('gives A-grade customers and important or strategic ones of any grade the tightest targets', () => {
    const a = policy.targetFor(subject('A'));
    expect(policy.targetFor(subject('C', ['important']))).toEqual(a);
    expect(policy.targetFor(subject('B', ['high_value', 'strategic']))).toEqual(a);
    expect(policy.targetFor(subject('B', ['high_value', 'group_member']))).not.toEqual(a);
    expect(targetGrade('B', ['group_member'])).toBe('B');
    expect(targetGrade('Z', [])).toBe('C');
  });

  it('keeps A tightest, B and C looser, for every type and severity of the defaults', () => {
    for (const row of DEFAULT_SERVICE_POLICY.targets.filter((t) => t.grade === 'A')) {
      const of = (grade: string) => policy.targetFor(subject(grade, [], row.ticketType, row.severity));
      expect(of('A').responseMinutes).toBeLessThan(of('B').responseMinutes);
      expect(of('B').restoreMinutes).toBeLessThan(of('C').restoreMinutes);
    }
  });

  it('runs faults on the 24×7 clock and everything else on working days by default', () => {
    expect(policy.targetFor(subject('A', [], 'fault', 'critical'))).toEqual({
      responseMinutes: 15,
      restoreMinutes: 240,
      clock: 'continuous',
    });
    for (const type of ['complaint', 'inquiry', 'serviceRequest']) {
      expect(policy.targetFor(subject('B', [], type, 'minor')).clock).toBe('workingDays');
    }
    expect(policy).toMatchObject({ returnVisitDays: 3, autoCloseDays: 7, faultCheckAnswerMinutes: 30 });
  });

  it('takes the published rows, not the defaults', () => {
    const targets = DEFAULT_SERVICE_POLICY.targets.map((t) =>
      t.ticketType === 'fault' && t.severity === 'critical' && t.grade === 'A'
        ? { ...t, responseMinutes: 10, restoreMinutes: 120 }
        : t,
    );
    const published = servicePolicyOf({ ...DEFAULT_SERVICE_POLICY, targets }, '440000', 2n);
    expect(published.targetFor(subject('B', ['strategic'], 'fault', 'critical'))).toMatchObject({
      responseMinutes: 10,
      restoreMinutes: 120,
    });
    expect(published).toMatchObject({ issuer: '440000', version: 2n });
  });

  it('refuses a ticket type the table does not know', () => {
    expect(() => policy.targetFor(subject('A', [], 'praise'))).toThrow(RangeError);
  });
});

describe('service policy rules', () => {
  it('accepts the defaults, and reads back what it publishes', () => {
    expect(policyProblems(DEFAULT_SERVICE_POLICY)).toEqual([]);
    const body = toPolicyBody(DEFAULT_SERVICE_POLICY, 1n, new Date('2026-12-01T00:00:00Z'));
    expect(policyFiguresOf(body)).toEqual(DEFAULT_SERVICE_POLICY);
  });

  it('names the faulty field of a row, a missing row and a repeated one', () => {
    const [first, ...rest] = DEFAULT_SERVICE_POLICY.targets;
    const problems = policyProblems({
      ...DEFAULT_SERVICE_POLICY,
      targets: [
        { ...first!, restoreMinutes: first!.responseMinutes - 1 },
        { ...first!, clock: 'hourly' as never },
        ...rest.slice(1),
      ],
      returnVisitDays: 0,
    });
    expect(problems.map((p) => p.field)).toEqual([
      'targets.0.restoreMinutes',
      'targets.1.clock',
      'targets.1',
      'targets',
      'returnVisitDays',
    ]);
    expect(problems[3]!.message).toBe(
      `has no row for ${rest[0]!.ticketType}/${rest[0]!.severity}/${rest[0]!.grade}`,
    );
  });

  it('refuses unknown words and minutes out of range', () => {
    const row = DEFAULT_SERVICE_POLICY.targets[0]!;
    const problems = policyProblems({
      ...DEFAULT_SERVICE_POLICY,
      targets: [{ ...row, ticketType: 'praise' as never, grade: 'D' as never, responseMinutes: 0 }],
      faultCheckAnswerMinutes: 1.5,
    });
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining([
        'targets.0.ticketType',
        'targets.0.grade',
        'targets.0.responseMinutes',
        'faultCheckAnswerMinutes',
      ]),
    );
  });
});
