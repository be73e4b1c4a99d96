import { Module } from '@nestjs/common';

/**
 * Every node that can carry a segment (city ends, province and national transit): its circuit
 * tariff, and answers to quote requests from home cities.
 */
@Module({})
export class CircuitTariffsModule {}
