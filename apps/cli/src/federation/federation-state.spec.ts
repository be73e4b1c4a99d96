import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clearState,
  emptyState,
  logFileFor,
  type NodeRecord,
  parseState,
  readState,
  StateError,
  statePath,
  withNode,
  withoutNodes,
  withRunDirLock,
  writeState,
} from './federation-state';

function record(code: string, port: number, tier: NodeRecord['tier'], parent: string | null): NodeRecord {
  return {
    code,
    name: `node ${code}`,
    tier,
    parent,
    pid: 1000 + port,
    port,
    db: `kaf_fed_${code.toLowerCase()}`,
    url: `http://127.0.0.1:${port}`,
    logFile: `/run/logs/${code}.log`,
    reportIntervalMs: 5000,
    startedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('federation state', () => {
  let runDir: string;

  beforeEach(() => {
    runDir = mkdtempSync(join(tmpdir(), 'kaf-cli-state-'));
  });

  afterEach(() => {
    rmSync(runDir, { recursive: true, force: true });
  });

  it('reads nothing from an empty run directory', () => {
    expect(readState(runDir)).toBeUndefined();
  });

  it('round-trips through state.json, nodes ordered by port', () => {
    let state = emptyState('fed', '/repo/deploy/topology/dev.json');
    state = withNode(state, record('440300', 3003, 'city', '440000'));
    state = withNode(state, record('CN', 3000, 'national', null));
    writeState(runDir, state);

    const back = readState(runDir);
    expect(back).toBeDefined();
    expect(back?.namespace).toBe('fed');
    expect(back?.topologyFile).toBe('/repo/deploy/topology/dev.json');
    expect(back?.nodes).toEqual([
      record('CN', 3000, 'national', null),
      record('440300', 3003, 'city', '440000'),
    ]);
    expect((JSON.parse(readFileSync(statePath(runDir), 'utf8')) as { version: number }).version).toBe(1);
  });

  it('replaces a node recorded again and removes nodes by code', () => {
    let state = withNode(emptyState('fed', 't.json'), record('CN', 3000, 'national', null));
    state = withNode(state, { ...record('CN', 3000, 'national', null), pid: 42 });
    expect(state.nodes).toHaveLength(1);
    expect(state.nodes[0]?.pid).toBe(42);
    expect(withoutNodes(state, ['CN']).nodes).toEqual([]);
  });

  it('clears the state', () => {
    writeState(runDir, emptyState('fed', 't.json'));
    clearState(runDir);
    expect(readState(runDir)).toBeUndefined();
    clearState(runDir); // already gone: no error
  });

  it('rejects files that are not a state file', () => {
    writeFileSync(statePath(runDir), '{not json');
    expect(() => readState(runDir)).toThrow(StateError);
    expect(() => parseState({ version: 2, namespace: 'fed', topologyFile: 't', nodes: [] })).toThrow(
      /version/,
    );
    expect(() =>
      parseState({
        version: 1,
        namespace: 'fed',
        topologyFile: 't',
        nodes: [{ ...record('CN', 3000, 'national', null), pid: 'x' }],
      }),
    ).toThrow(/nodes\[0\]\.pid/);
  });

  it('puts each node log under logs/', () => {
    expect(logFileFor('/r', '440300')).toBe('/r/logs/440300.log');
  });

  it('runs commands on one run directory one after the other', async () => {
    const events: string[] = [];
    const task = (name: string) =>
      withRunDirLock(runDir, async () => {
        events.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name} out`);
      });
    await Promise.all([task('a'), task('b')]);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
  });

  it('takes over a lock left by a process that is gone', async () => {
    writeFileSync(join(runDir, '.lock'), '999999999\n');
    await expect(withRunDirLock(runDir, async () => 'ran')).resolves.toBe('ran');
  });
});
