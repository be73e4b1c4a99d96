import { Topology } from '@kaf/federation';
import type { EntityManager } from 'typeorm';
import type { EscalationRecord } from '../escalation-message';
import { EscalationAdmissions } from './escalation-admissions';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [
    { code: '440000', name: 'GD', cities: [{ code: '440300', name: 'SZ' }] },
    { code: '330000', name: 'ZJ', cities: [{ code: '330100', name: 'HZ' }] },
  ],
});
const tx = {} as EntityManager;
const escalation = (subjectType: string): EscalationRecord => ({
  id: '0190a1b2-0000-7000-8000-000000000001',
  subjectType,
  subjectId: 's',
  caseId: 'c',
  reason: 'r',
  raisedBy: '330100',
  holder: '440000',
  dueAt: new Date(),
  breachedAt: new Date(),
  raisedAt: new Date(),
  facts: { cityCode: '330100' },
});

describe('escalation admissions', () => {
  const at = (code: string) => new EscalationAdmissions({ code } as never, topology);

  it("take by default only the holder's subtree", async () => {
    expect(await at('440000').refusal(tx, escalation('ticket'), '440300')).toBeUndefined();
    expect(await at('440000').refusal(tx, escalation('ticket'), '330100')).toMatch(
      /from 330100: not a node below this node \(440000\)/,
    );
    expect(await at('440000').refusal(tx, escalation('ticket'), '440000')).toMatch(/not a node below/);
    expect(await at('CN').refusal(tx, escalation('ticket'), '330100')).toBeUndefined();
  });

  it("let a capability's rule decide for its subject type alone, registered once", async () => {
    const admissions = at('440000');
    const seen: string[] = [];
    admissions.register('circuitSegment', (_tx, e, source) => {
      seen.push(`${e.id} ${source}`);
      return Promise.resolve(source === '330100' ? undefined : 'not the home city');
    });
    expect(await admissions.refusal(tx, escalation('circuitSegment'), '330100')).toBeUndefined();
    expect(await admissions.refusal(tx, escalation('circuitSegment'), '440300')).toBe('not the home city');
    expect(await admissions.refusal(tx, escalation('faultCheck'), '330100')).toMatch(/not a node below/);
    expect(seen).toHaveLength(2);
    expect(() => admissions.register('circuitSegment', () => Promise.resolve(undefined))).toThrow(/twice/);
  });
});
