import { Module } from '@nestjs/common';
import { CustomersModule } from '@kaf/customers';
import { CircuitVersions } from './circuit-versions';
import { CustomerCircuitsController } from './customer-circuits.controller';
import { CustomerCircuits } from './customer-circuits';

/** Home city: the customers' circuits with their identity and versions, read and locked for changes. */
@Module({
  imports: [CustomersModule],
  controllers: [CustomerCircuitsController],
  providers: [CustomerCircuits, CircuitVersions],
  exports: [CustomerCircuits, CircuitVersions],
})
export class CustomerCircuitsModule {}
