import { Module } from '@nestjs/common';

/** National node: completed circuits, monthly settlement records and settled revenue by region. */
@Module({})
export class SettlementModule {}
