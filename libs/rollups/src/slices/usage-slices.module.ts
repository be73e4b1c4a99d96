import { Module } from '@nestjs/common';

/** Province: dirty slices rebuilt from the cities' detail and reported to the national node. */
@Module({})
export class UsageSlicesModule {}
