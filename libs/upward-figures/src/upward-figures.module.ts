import { Global, Module } from '@nestjs/common';
import { FiguresReporter } from './child/figures-reporter';
import { FiguresRequestsHandler } from './child/figures-requests.handler';
import { FiguresReportedHandler } from './parent/figures-reported.handler';
import { UpwardFigures } from './upward-figures';
import { UpwardFiguresMetrics } from './upward-figures.metrics';

/**
 * Figures reported upward, at every tier: the reporter and the answers to the parent's questions
 * for the measures this node reports, the receiving handler for those it receives. Global, so a
 * capability injects `UpwardFigures` and registers its source or sink without wiring.
 */
@Global()
@Module({
  providers: [
    UpwardFigures,
    UpwardFiguresMetrics,
    FiguresReporter,
    FiguresRequestsHandler,
    FiguresReportedHandler,
  ],
  exports: [UpwardFigures],
})
export class UpwardFiguresModule {}
