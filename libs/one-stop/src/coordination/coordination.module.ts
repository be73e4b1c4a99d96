import { Module } from '@nestjs/common';

/** Province and national node: orders they coordinate, escalations, re-dispatch and cancel. */
@Module({})
export class CoordinationModule {}
