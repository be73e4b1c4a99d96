import { Global, Module } from '@nestjs/common';
import { MetricsController, MetricsRegistry } from './metrics';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry],
  exports: [MetricsRegistry],
})
export class ObservabilityModule {}
