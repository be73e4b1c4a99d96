import { Topology } from '../topology/topology';
import { senderCheck, type SenderRule } from './sender-rules';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [
    {
      code: '440000',
      name: 'GD',
      cities: [
        { code: '440100', name: 'GZ' },
        { code: '440300', name: 'SZ' },
      ],
    },
    { code: '330000', name: 'ZJ', cities: [{ code: '330100', name: 'HZ' }] },
  ],
});
const EVERY = ['CN', '440000', '440100', '440300', '330000', '330100'];

/** The senders a rule lets through at `self`, checked against every node and a stranger. */
function accepted(senders: SenderRule | readonly SenderRule[], self: string): string[] {
  const check = senderCheck(senders, self, topology);
  return [...EVERY, '999900', ''].filter((code) => check(code) === undefined);
}

describe('senderCheck', () => {
  it.each([
    ['parent', '440300', ['440000']],
    ['parent', '440000', ['CN']],
    ['parent', 'CN', []],
    ['child', 'CN', ['440000', '330000']],
    ['child', '440000', ['440100', '440300']],
    ['child', '440300', []],
    ['national', '440300', ['CN']],
    ['national', 'CN', ['CN']],
    ['subtree', 'CN', ['440000', '440100', '440300', '330000', '330100']],
    ['subtree', '440000', ['440100', '440300']],
    ['subtree', '330100', []],
    ['any', '440300', EVERY],
  ] as const)('%s at %s accepts exactly %j', (rule, self, expected) => {
    expect(accepted(rule, self)).toEqual(expected);
  });

  it('accepts the union of a list of rules', () => {
    expect(accepted(['parent', 'child'], '440000')).toEqual(['CN', '440100', '440300']);
    expect(accepted(['national', 'child'], '440000')).toEqual(['CN', '440100', '440300']);
  });

  it('never accepts a node missing from the topology, whatever the rule', () => {
    for (const rule of ['parent', 'child', 'national', 'subtree', 'any'] as const) {
      const check = senderCheck(rule, 'CN', topology);
      expect(check('999900')).toBeDefined();
      expect(check('')).toBeDefined();
    }
  });

  it('refuses a sibling or a grandchild with the reason of the rule', () => {
    expect(senderCheck('parent', '440300', topology)('CN')).toBe('not the parent of this node');
    expect(senderCheck('child', 'CN', topology)('440300')).toBe('not a child of this node');
    expect(senderCheck('national', '440300', topology)('440000')).toBe('not the national node');
    expect(senderCheck('subtree', '440000', topology)('330100')).toBe('not a node below this node');
    expect(senderCheck('any', '440000', topology)('999900')).toBe('not a node of the federation');
    expect(senderCheck(['parent', 'child'], '440000', topology)('330000')).toBe(
      'not the parent of this node or a child of this node',
    );
  });

  it('accepts no parent at the national node, which has none', () => {
    expect(senderCheck('parent', 'CN', topology)('CN')).toBe('not the parent of this node');
  });

  it('refuses to register a handler that names no sender', () => {
    expect(() => senderCheck([], 'CN', topology)).toThrow('at least one sender rule');
  });
});
