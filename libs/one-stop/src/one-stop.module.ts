import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import type { NodeTier } from '@kaf/federation';
import { CoordinationModule } from './coordination/coordination.module';
import { DEFAULT_ONE_STOP_OPTIONS, ONE_STOP_OPTIONS, type OneStopOptions } from './one-stop.options';
import { CircuitOrdersModule } from './orders/circuit-orders.module';
import { OneStopPolicyModule } from './policy/one-stop-policy.module';
import { SettlementModule } from './settlement/settlement.module';
import { CircuitTariffsModule } from './tariffs/circuit-tariffs.module';
import { WorkOrdersModule } from './work-orders/work-orders.module';

/** What each tier runs of one-stop circuit orders. */
const TIER_PARTS: Record<NodeTier, Type[]> = {
  city: [CircuitOrdersModule, WorkOrdersModule, CircuitTariffsModule],
  province: [WorkOrdersModule, CircuitTariffsModule, CoordinationModule],
  national: [WorkOrdersModule, CircuitTariffsModule, CoordinationModule, SettlementModule],
};

/**
 * One-stop (一站式) cross-region circuit orders: the home city's order and saga, work orders at
 * the nodes carrying segments, coordination at provinces and the national node, settlement at the
 * national node.
 */
@Global()
@Module({})
export class OneStopModule {
  static forTier(tier: NodeTier, options: Partial<OneStopOptions> = {}): DynamicModule {
    const settings: OneStopOptions = { ...DEFAULT_ONE_STOP_OPTIONS, ...options };
    return {
      module: OneStopModule,
      imports: [OneStopPolicyModule.forTier(tier, settings.policyDefaults), ...TIER_PARTS[tier]],
      providers: [{ provide: ONE_STOP_OPTIONS, useValue: settings }],
      exports: [ONE_STOP_OPTIONS],
    };
  }
}
