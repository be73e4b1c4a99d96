import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import type { NodeTier } from '@kaf/federation';
import { OneStopPolicyController } from './one-stop-policy.controller';
import { OneStopPolicyMetrics } from './one-stop-policy.metrics';
import { OneStopPolicyPublishedHandler } from './one-stop-policy-published.handler';
import { OneStopPolicyPublisher } from './one-stop-policy.publisher';
import { ONE_STOP_POLICY_READER } from './one-stop-policy.reader';
import { OneStopPolicyReplicaController } from './one-stop-policy-replica.controller';
import { OneStopPolicyReplicaStore } from './one-stop-policy-replica.store';
import { OneStopPolicyResyncHandler } from './one-stop-policy-resync.handler';
import { OneStopPolicyResyncRequester } from './one-stop-policy-resync.requester';
import { OneStopPolicyService } from './one-stop-policy.service';

/**
 * The one-stop policy in force at this node, exported as `ONE_STOP_POLICY_READER` to every
 * one-stop module: at the national node its own table (set by HQ, published to every province
 * and city), elsewhere the highest version published, or the configured defaults until one
 * arrives (a node without one asks the national node at boot).
 */
@Global()
@Module({})
export class OneStopPolicyModule {
  static forTier(tier: NodeTier): DynamicModule {
    const parts: Pick<DynamicModule, 'imports' | 'controllers' | 'providers'> =
      tier === 'national'
        ? {
            imports: [AuditModule],
            controllers: [OneStopPolicyController],
            providers: [
              OneStopPolicyService,
              OneStopPolicyPublisher,
              OneStopPolicyResyncHandler,
              { provide: ONE_STOP_POLICY_READER, useExisting: OneStopPolicyService },
            ],
          }
        : {
            controllers: [OneStopPolicyReplicaController],
            providers: [
              OneStopPolicyReplicaStore,
              OneStopPolicyPublishedHandler,
              OneStopPolicyResyncRequester,
              { provide: ONE_STOP_POLICY_READER, useExisting: OneStopPolicyReplicaStore },
            ],
          };
    return {
      module: OneStopPolicyModule,
      ...parts,
      providers: [...(parts.providers ?? []), OneStopPolicyMetrics],
      exports: [ONE_STOP_POLICY_READER],
    };
  }
}
