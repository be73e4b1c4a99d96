import { Module } from '@nestjs/common';

/** Province: city usage reports in, the cities' detail kept, dirty slices marked. */
@Module({})
export class UsageDetailModule {}
