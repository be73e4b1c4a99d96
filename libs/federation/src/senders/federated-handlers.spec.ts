import { create, toBinary } from '@bufbuild/protobuf';
import { NodeStatusReportSchema, ProbeSchema } from '@kaf/contracts';
import { type InboundMessage, MessageHandlerRegistry } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { NodeIdentity } from '../node-identity';
import { Topology } from '../topology/topology';
import { FederatedHandlers } from './federated-handlers';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [{ code: '440000', name: 'GD', cities: [{ code: '440300', name: 'SZ' }] }],
});
const identity: NodeIdentity = {
  code: '440000',
  name: 'GD',
  tier: 'province',
  parentCode: 'CN',
  version: 'test',
  startedAt: new Date(),
};

const message = (type: string, source: string, payload: Uint8Array): InboundMessage => ({
  id: '0190a1b2-0000-7000-8000-000000000001',
  type,
  source,
  target: identity.code,
  key: 'k',
  correlationId: 'c',
  causationId: '',
  occurredAt: new Date(),
  payload,
});

describe('FederatedHandlers', () => {
  const registry = new MessageHandlerRegistry();
  const handlers = new FederatedHandlers(registry, identity, topology);
  const seen: string[] = [];
  handlers.on(NodeStatusReportSchema, 'child', async (report) => {
    seen.push(report.nodeCode);
  });
  handlers.onBatch(ProbeSchema, ['parent', 'child'], async (items) => {
    seen.push(...items.map((i) => i.payload.key));
  });
  const tx = {} as EntityManager;

  it('registers the handler with a guard that follows the declared senders', async () => {
    const registered = registry.find(NodeStatusReportSchema.typeName)!;
    const report = toBinary(NodeStatusReportSchema, create(NodeStatusReportSchema, { nodeCode: '440300' }));
    expect(registered.accept?.(message(NodeStatusReportSchema.typeName, '440300', report))).toBeUndefined();
    expect(registered.accept?.(message(NodeStatusReportSchema.typeName, 'CN', report))).toBe(
      'not a child of this node',
    );
    expect(registered.kind).toBe('single');
    if (registered.kind === 'single')
      await registered.handle(message(NodeStatusReportSchema.typeName, '440300', report), tx);
    expect(seen).toEqual(['440300']);
  });

  it('guards batch handlers the same way', async () => {
    const registered = registry.find(ProbeSchema.typeName)!;
    const probe = toBinary(ProbeSchema, create(ProbeSchema, { key: 'p' }));
    expect(registered.kind).toBe('batch');
    expect(registered.accept?.(message(ProbeSchema.typeName, 'CN', probe))).toBeUndefined();
    expect(registered.accept?.(message(ProbeSchema.typeName, '440000', probe))).toBe(
      'not the parent of this node or a child of this node',
    );
    if (registered.kind === 'batch')
      await registered.handle([message(ProbeSchema.typeName, 'CN', probe)], tx);
    expect(seen).toContain('p');
  });
});
