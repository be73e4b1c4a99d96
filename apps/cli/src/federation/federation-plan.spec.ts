import { join } from 'node:path';
import { Topology } from '@kaf/federation';
import {
  databaseName,
  databaseUrlFor,
  planFederation,
  PlanError,
  portFor,
  selectNodes,
  stopOrder,
} from './federation-plan';

const dev = Topology.load(join(__dirname, '../../../../deploy/topology/dev.json'));
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('selectNodes', () => {
  it('selects the whole topology, parents first, when nothing is named', () => {
    const codes = ['CN', '440000', '440100', '440300', '330000', '330100', '330200'];
    expect(selectNodes(dev).map((n) => n.code)).toEqual(codes);
    expect(selectNodes(dev, '').map((n) => n.code)).toEqual(codes);
    expect(selectNodes(dev, ' , ').map((n) => n.code)).toEqual(codes);
  });

  it('keeps topology order whatever the order of --nodes, ignoring spaces, case and duplicates', () => {
    expect(selectNodes(dev, '440300, cn,440000,440300').map((n) => n.code)).toEqual([
      'CN',
      '440000',
      '440300',
    ]);
  });

  it('rejects codes that are not in the topology, naming them', () => {
    expect(() => selectNodes(dev, 'CN,999900,110000')).toThrow(PlanError);
    expect(() => selectNodes(dev, 'CN,999900,110000')).toThrow(/999900, 110000/);
  });
});

describe('portFor', () => {
  it('gives each node the base port plus its topology position, whatever is selected', () => {
    expect(portFor(dev, 'CN', 3000)).toBe(3000);
    expect(portFor(dev, '440000', 3000)).toBe(3001);
    expect(portFor(dev, '440300', 3000)).toBe(3003);
    expect(portFor(dev, '330200', 4100)).toBe(4106);
  });

  it('refuses ports beyond 65535 and unknown nodes', () => {
    expect(() => portFor(dev, '330200', 65530)).toThrow(/outside 1-65535/);
    expect(() => portFor(dev, '110000', 3000)).toThrow(PlanError);
  });
});

describe('databases', () => {
  it('names each database kaf_<namespace>_<code>, lower case, dashes as underscores', () => {
    expect(databaseName('fed', 'CN')).toBe('kaf_fed_cn');
    expect(databaseName('fed', '440300')).toBe('kaf_fed_440300');
    expect(databaseName('demo-2', 'CN')).toBe('kaf_demo_2_cn');
  });

  it('rejects namespaces the node would reject', () => {
    expect(() => databaseName('Fed', 'CN')).toThrow(PlanError);
    expect(() => databaseName('1fed', 'CN')).toThrow(PlanError);
  });

  it('derives the node URL from the admin URL, keeping credentials and parameters', () => {
    expect(databaseUrlFor(ADMIN, 'kaf_fed_cn')).toBe('postgres://postgres@127.0.0.1:5432/kaf_fed_cn');
    expect(databaseUrlFor('postgresql://u:p%40ss@db:6543/postgres?sslmode=disable', 'x')).toBe(
      'postgresql://u:p%40ss@db:6543/x?sslmode=disable',
    );
    expect(() => databaseUrlFor('mysql://h/db', 'x')).toThrow(PlanError);
  });
});

describe('planFederation', () => {
  it('plans ports, databases and URLs of the selected nodes', () => {
    const plan = planFederation(dev, {
      nodes: '440300,CN',
      basePort: 3000,
      namespace: 'fed',
      adminDatabaseUrl: ADMIN,
    });
    expect(plan).toEqual([
      {
        code: 'CN',
        name: '集团总部 National HQ',
        tier: 'national',
        parent: null,
        index: 0,
        port: 3000,
        db: 'kaf_fed_cn',
        databaseUrl: 'postgres://postgres@127.0.0.1:5432/kaf_fed_cn',
        url: 'http://127.0.0.1:3000',
      },
      {
        code: '440300',
        name: '深圳市 Shenzhen',
        tier: 'city',
        parent: '440000',
        index: 3,
        port: 3003,
        db: 'kaf_fed_440300',
        databaseUrl: 'postgres://postgres@127.0.0.1:5432/kaf_fed_440300',
        url: 'http://127.0.0.1:3003',
      },
    ]);
  });

  it('gives every node of the topology a distinct port and database', () => {
    const plan = planFederation(dev, { basePort: 3000, namespace: 'fed', adminDatabaseUrl: ADMIN });
    expect(new Set(plan.map((p) => p.port)).size).toBe(7);
    expect(new Set(plan.map((p) => p.db)).size).toBe(7);
  });
});

describe('stopOrder', () => {
  it('stops cities, then provinces, then the national node', () => {
    const waves = stopOrder(selectNodes(dev));
    expect(waves.map((w) => w.map((n) => n.code))).toEqual([
      ['440100', '440300', '330100', '330200'],
      ['440000', '330000'],
      ['CN'],
    ]);
  });

  it('leaves out empty tiers', () => {
    expect(stopOrder(selectNodes(dev, 'CN,440100')).map((w) => w.map((n) => n.code))).toEqual([
      ['440100'],
      ['CN'],
    ]);
  });
});
