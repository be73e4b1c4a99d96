// Figures reported upward: a child reports a measure's cells to its parent as versioned absolute
// figures, pushed debounced, asked for again on request, reconciled by totals (ADR 0031).
export type { Measure } from './measure';
export {
  type CellPlace,
  highestVersions,
  type OutgoingCell,
  type ReceivedCell,
  type ResyncSelection,
  type TotalsLine,
} from './figure-cell';
export { FigureCellError, type FiguresSource, type ReportingPace } from './child/figures-source';
export type { FiguresSink } from './parent/figures-sink';
export { UpwardFigures } from './upward-figures';
export { UpwardFiguresModule } from './upward-figures.module';
export { FiguresReconciliationModule } from './reconciliation/figures-reconciliation.module';
export type { ReconciliationOptions } from './reconciliation/reconciliation.options';
export { UPWARD_FIGURES_ENTITIES, UPWARD_FIGURES_MIGRATIONS } from './reconciliation/persistence';
export { epochMicros, nextVersion } from './versions';
export { type CityCellsRepository, CityFiguresSource } from './child/city-figures.source';
export { countUnreported, type ReportedTable, takeUnreported } from './child/unreported-rows';
