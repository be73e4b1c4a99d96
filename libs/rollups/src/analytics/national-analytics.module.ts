import { Module } from '@nestjs/common';

/** National: analytics over every province's cube, group usage and reporting state. */
@Module({})
export class NationalAnalyticsModule {}
