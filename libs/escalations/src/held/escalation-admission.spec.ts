import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EscalationFactsSchema, EscalationSchema } from '@kaf/contracts';
import { admitEscalation } from './escalation-admission';

const escalation = (raisedBy: string, holder: string) =>
  create(EscalationSchema, {
    escalationId: '0190A1B2-0000-7000-8000-000000000001',
    subjectType: 'ticket',
    subjectId: 't',
    caseId: 't',
    reason: 'responseBreach',
    raisedBy,
    holder,
    dueAt: timestampFromDate(new Date()),
    breachedAt: timestampFromDate(new Date()),
    raisedAt: timestampFromDate(new Date()),
    facts: create(EscalationFactsSchema, { cityCode: raisedBy }),
  });

describe('admitting an escalation at its holder', () => {
  it('admits one its sender raised to this node, with the id in lower case', () => {
    const admitted = admitEscalation(escalation('440300', '440000'), '440300', '440000');
    expect(admitted).toMatchObject({ id: '0190a1b2-0000-7000-8000-000000000001', raisedBy: '440300' });
  });

  it('refuses one addressed to another holder', () => {
    expect(admitEscalation(escalation('440300', 'CN'), '440300', '440000')).toBe(
      'escalation 0190a1b2-0000-7000-8000-000000000001 is for CN, not for 440000',
    );
  });

  it("refuses one sent in another node's name", () => {
    expect(admitEscalation(escalation('440100', '440000'), '440300', '440000')).toBe(
      'escalation 0190a1b2-0000-7000-8000-000000000001 names 440100 as raiser, not 440300',
    );
  });

  it('refuses a malformed one with what is wrong', () => {
    expect(admitEscalation(undefined, '440300', '440000')).toBe('escalation missing');
  });
});
