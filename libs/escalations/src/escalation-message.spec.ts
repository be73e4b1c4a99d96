import { create } from '@bufbuild/protobuf';
import { EscalationSchema } from '@kaf/contracts';
import { type EscalationRecord, fromEscalationMessage, toEscalationMessage } from './escalation-message';
import { type EscalationFacts, onlyFacts } from './escalation-vocabulary';

const record: EscalationRecord = {
  id: '0190a1b2-0000-7000-8000-000000000001',
  subjectType: 'faultCheck',
  subjectId: 'check-1',
  caseId: 'ticket-1',
  reason: 'checkOverdue',
  raisedBy: '440300',
  holder: 'CN',
  dueAt: new Date('2026-12-07T08:00:00Z'),
  breachedAt: new Date('2026-12-07T08:00:05Z'),
  raisedAt: new Date('2026-12-07T08:00:06Z'),
  facts: { cityCode: '440300', circuitId: 'C-1', orderId: 'o-1', nodeCode: '330100' },
};

describe('escalation messages', () => {
  it('carry an escalation there and back unchanged', () => {
    expect(fromEscalationMessage(toEscalationMessage(record))).toEqual(record);
  });

  it("carry a circuit segment's role, attempt and state", () => {
    const segment: EscalationRecord = {
      ...record,
      subjectType: 'circuitSegment',
      subjectId: '0190a1b2-0000-7000-8000-000000000002/2',
      caseId: '0190a1b2-0000-7000-8000-000000000003',
      reason: 'segmentOverdue',
      facts: { ...record.facts, role: 'z_end', attempt: 2, segmentState: 'accepted' },
    };
    const message = toEscalationMessage(segment);
    expect(message.facts).toMatchObject({ role: 'z_end', attempt: 2, segmentState: 'accepted' });
    expect(fromEscalationMessage(message)).toEqual(segment);
  });

  it('keep only the known facts, and none that is empty', () => {
    const stray = { cityCode: '440300', grade: '', customerName: '某某公司', phone: '13800138000' };
    expect(onlyFacts(stray as EscalationFacts)).toEqual({ cityCode: '440300' });
    const message = toEscalationMessage({ ...record, facts: stray });
    expect(JSON.stringify(message.facts)).not.toMatch(/某某|13800138000/);
  });

  it.each([
    [{ escalationId: 'x' }, 'escalation_id "x" is not a UUID'],
    [{ subjectType: 'order' }, 'subject_type "order" is not one of ticket, faultCheck, circuitSegment'],
    [{ caseId: '' }, 'case_id missing'],
    [{ raisedBy: '' }, 'raised_by missing'],
    [{ dueAt: undefined }, 'due_at, breached_at and raised_at are required'],
  ])('refuse %j: %s', (change, why) => {
    const message = create(EscalationSchema, { ...toEscalationMessage(record), ...change });
    expect(fromEscalationMessage(message)).toBe(why);
  });

  it('refuse one without the city of its case', () => {
    const message = toEscalationMessage(record);
    message.facts!.cityCode = '';
    expect(fromEscalationMessage(message)).toBe('facts.city_code missing');
    expect(fromEscalationMessage(undefined)).toBe('escalation missing');
  });
});
