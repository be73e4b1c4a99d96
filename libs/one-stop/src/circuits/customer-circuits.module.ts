import { Module } from '@nestjs/common';
import { CustomersModule } from '@kaf/customers';
import { CircuitSegmentsInForce } from './circuit-segments-in-force';
import { CircuitVersions } from './circuit-versions';
import { CircuitsHoldChurn } from './circuits-hold-churn';
import { CustomerCircuitsController } from './customer-circuits.controller';
import { CustomerCircuits } from './customer-circuits';

/** Home city: the customers' circuits with their identity and versions, read and locked for changes. */
@Module({
  imports: [CustomersModule],
  controllers: [CustomerCircuitsController],
  providers: [CustomerCircuits, CircuitVersions, CircuitsHoldChurn, CircuitSegmentsInForce],
  exports: [CustomerCircuits, CircuitVersions, CircuitSegmentsInForce],
})
export class CustomerCircuitsModule {}
