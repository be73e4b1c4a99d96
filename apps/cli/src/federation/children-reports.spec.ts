import { expectedReports, missingReports, summariseChildren } from './children-reports';
import type { NodeRecord } from './federation-state';
import type { ChildView } from './node-http';

const node = (code: string, parent: string | null): NodeRecord => ({
  code,
  name: code,
  tier: parent === null ? 'national' : parent === 'CN' ? 'province' : 'city',
  parent,
  pid: 1,
  port: 1,
  db: 'db',
  url: 'http://x',
  logFile: 'l',
  reportIntervalMs: 5000,
  startedAt: '',
});

const child = (code: string, health: ChildView['health'], ageSeconds: number | null = 1): ChildView => ({
  code,
  name: code,
  tier: 'city',
  health,
  ageSeconds,
});

describe('children reports', () => {
  it('expects reports only between nodes started together', () => {
    const nodes = [
      node('CN', null),
      node('440000', 'CN'),
      node('440300', '440000'),
      node('330100', '330000'),
    ];
    expect(expectedReports(nodes).map((e) => [e.parent.code, e.children.map((c) => c.code)])).toEqual([
      ['CN', ['440000']],
      ['440000', ['440300']],
    ]);
  });

  it('lists expected children not reporting yet', () => {
    const view = [child('440100', 'reporting'), child('440300', 'never-reported', null)];
    expect(missingReports(view, ['440100', '440300'])).toEqual([
      { code: '440300', health: 'never-reported' },
    ]);
    expect(missingReports(view, ['440100'])).toEqual([]);
    expect(missingReports([], ['440100'])).toEqual([{ code: '440100', health: 'unknown to the parent' }]);
  });

  it('summarises a parent view', () => {
    const started = new Set(['440100', '440300']);
    expect(summariseChildren([child('440100', 'reporting'), child('440300', 'reporting')], started)).toBe(
      '2/2 children reporting',
    );
    expect(
      summariseChildren([child('440100', 'reporting'), child('440300', 'late', 23)], new Set(['440100'])),
    ).toBe('1/2 children reporting; 440300 late (23s ago), not started here');
    expect(summariseChildren([], started)).toBe('no children in the topology');
    expect(summariseChildren(new Error('boom'), started)).toBe('children unavailable: boom');
  });
});
