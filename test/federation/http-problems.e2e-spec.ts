import { adminToken } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';

interface Problem {
  status: number;
  title: string;
  errors?: { field: string; message: string }[];
}

/**
 * Bad input gets a 4xx problem+json that names the field — never a 500 and never a write.
 * A small fuzz of malformed requests against a real node.
 */
describe('HTTP errors are problem+json and name the field', () => {
  const fed = new FederationFixture();
  let node: NodeProcess;

  beforeAll(async () => {
    node = await fed.addNode('440000', 'province');
    await node.startAndWaitReady();
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  async function call(method: string, path: string, body?: string, contentType = 'application/json') {
    const res = await fetch(`${node.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await adminToken()}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body,
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      problem: (await res.json()) as Problem,
    };
  }

  it.each([
    ['malformed JSON', '{"target": ', 'body'],
    ['an array body', '[1, 2]', 'body'],
    ['a string body', '"440300"', 'body'],
    ['a missing target', '{}', 'target'],
    ['a target of the wrong type', '{"target": 440300}', 'target'],
    ['a target that is not a node code', '{"target": "guangdong"}', 'target'],
    ['an unknown field', '{"target": "440300", "priority": "high"}', 'priority'],
    ['a count of the wrong type', '{"target": "440300", "count": "10"}', 'count'],
    ['a count too large', '{"target": "440300", "count": 1000000}', 'count'],
    ['a fractional count', '{"target": "440300", "count": 1.5}', 'count'],
    ['an unknown mode', '{"target": "440300", "mode": "flood"}', 'mode'],
    ['an oversize key prefix', `{"target": "440300", "keyPrefix": "${'k'.repeat(65)}"}`, 'keyPrefix'],
    ['a key prefix with control characters', '{"target": "440300", "keyPrefix": "a\\u0000b"}', 'keyPrefix'],
  ])('POST /probes with %s (%s) answers 400 naming %s', async (_case, body, field) => {
    const { status, type, problem } = await call('POST', '/api/v1/federation/probes', body);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    if (field !== 'body' || problem.errors) expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it.each([
    ['a target outside the federation', '{"target": "110000"}'],
    ['the node itself', '{"target": "440000"}'],
  ])('POST /probes to %s answers 400 and names target', async (_case, body) => {
    const { status, problem } = await call('POST', '/api/v1/federation/probes', body);
    expect(status).toBe(400);
    expect(JSON.stringify(problem)).toContain('target');
  });

  it.each([
    ['a measure the node does not receive', '{"measure": "quality"}', 'measure'],
    ['a measure that is no measure name', '{"measure": "Usage"}', 'measure'],
    ['a measure of the wrong type', '{"measure": 7}', 'measure'],
    ['a month that is no month', '{"measure": "usage", "from": "2026-13"}', 'from'],
  ])('POST /reconciliations with %s (%s) answers 400 naming %s', async (_case, body, field) => {
    const { status, type, problem } = await call('POST', '/api/v1/reconciliations', body);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it.each([
    ['/api/v1/federation/probes/not-a-uuid', 400],
    ['/api/v1/federation/probes/01a20923-d583-7155-8e59-5474606c1ee2', 404],
    ['/api/v1/messaging/dead-letters?limit=-1', 400],
    ['/api/v1/messaging/dead-letters?offset=1e21', 400],
    ['/api/v1/messaging/dead-letters?includeReplayed=maybe', 400],
    ['/api/v1/messaging/dead-letters?unknown=1', 400],
    ['/api/v1/no-such-resource', 404],
  ])('GET %s answers %i as problem+json', async (path, expected) => {
    const { status, type } = await call('GET', path);
    expect(status).toBe(expected);
    expect(type).toContain('application/problem+json');
  });

  /**
   * What a province sends without being asked: status reports, the requests for the documents it
   * holds none of at boot, and the scheduled reconciliation's totals requests to its cities.
   */
  const SENT_ON_ITS_OWN = [
    'kaf.federation.v1.NodeStatusReport',
    'kaf.federation.v1.DocumentResyncRequest',
    'kaf.federation.v1.FiguresTotalsRequest',
  ];

  it('wrote nothing for any of the refused requests', async () => {
    expect(await fed.count('440000', 'SELECT count(*)::int AS n FROM federation_probe_batch')).toBe(0);
    expect(
      await fed.count('440000', `SELECT count(*)::int AS n FROM reconciliation_run WHERE trigger = 'manual'`),
    ).toBe(0);
    expect(
      await fed.count(
        '440000',
        `SELECT count(*)::int AS n FROM messaging_outbox WHERE type <> ALL($1::text[])`,
        [SENT_ON_ITS_OWN],
      ),
    ).toBe(0);
  });
});
