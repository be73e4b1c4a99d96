import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import type { NodeTier } from '@kaf/federation';
import { OneStopPolicyController } from './one-stop-policy.controller';
import { OneStopPolicyMetrics } from './one-stop-policy.metrics';
import {
  ONE_STOP_POLICY_DEFAULTS,
  ONE_STOP_POLICY_READER,
  type OneStopPolicyDefaults,
} from './one-stop-policy.reader';
import { OneStopPolicyReplica } from './one-stop-policy.replica';
import { OneStopPolicyReplicaController } from './one-stop-policy-replica.controller';
import { OneStopPolicyService } from './one-stop-policy.service';

/**
 * The one-stop policy in force at this node, exported as `ONE_STOP_POLICY_READER` to every
 * one-stop module: at the national node its own table (set by HQ, published as the
 * `one-stop-policy` document), elsewhere the highest version published, or the configured
 * defaults until one arrives.
 */
@Global()
@Module({})
export class OneStopPolicyModule {
  static forTier(tier: NodeTier, defaults: OneStopPolicyDefaults): DynamicModule {
    const national = tier === 'national';
    return {
      module: OneStopPolicyModule,
      imports: national ? [AuditModule] : [],
      controllers: [national ? OneStopPolicyController : OneStopPolicyReplicaController],
      providers: [
        { provide: ONE_STOP_POLICY_DEFAULTS, useValue: defaults },
        ...(national
          ? [OneStopPolicyService, { provide: ONE_STOP_POLICY_READER, useExisting: OneStopPolicyService }]
          : [OneStopPolicyReplica, { provide: ONE_STOP_POLICY_READER, useExisting: OneStopPolicyReplica }]),
        OneStopPolicyMetrics,
      ],
      exports: [ONE_STOP_POLICY_READER],
    };
  }
}
