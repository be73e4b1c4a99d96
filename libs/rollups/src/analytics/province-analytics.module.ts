import { Module } from '@nestjs/common';

/** Province: analytics over its cities' cube, detail and reporting state. */
@Module({})
export class ProvinceAnalyticsModule {}
