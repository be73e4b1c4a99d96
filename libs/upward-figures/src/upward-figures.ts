import type { DescMessage } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import type { FiguresSource } from './child/figures-source';
import { checkMeasure } from './measure';
import type { FiguresSink } from './parent/figures-sink';

/**
 * The measures this node reports to its parent (sources) and receives from its children (sinks).
 * A capability registers its side in `onModuleInit`; the reporter, the request handlers, the
 * receiving handler and reconciliation serve every registered measure alike.
 */
@Injectable()
export class UpwardFigures {
  private readonly sourcesByMeasure = new Map<string, FiguresSource>();
  private readonly sinksByMeasure = new Map<string, FiguresSink>();

  /** This node reports `source.measure` to its parent. */
  reportFrom(source: FiguresSource): void {
    checkMeasure(source.measure);
    if (this.sourcesByMeasure.has(source.measure.name)) {
      throw new Error(`measure ${source.measure.name} already has a source at this node`);
    }
    this.sourcesByMeasure.set(source.measure.name, source);
  }

  /** This node receives `sink.measure` from its children. */
  receiveInto<Body extends DescMessage>(sink: FiguresSink<Body>): void {
    checkMeasure(sink.measure);
    const unknown = sink.compared.filter((name) => !sink.measure.totals.includes(name));
    if (unknown.length > 0)
      throw new Error(`measure ${sink.measure.name} has no totals ${unknown.join(', ')}`);
    if (this.sinksByMeasure.has(sink.measure.name)) {
      throw new Error(`measure ${sink.measure.name} already has a sink at this node`);
    }
    this.sinksByMeasure.set(sink.measure.name, sink);
  }

  sourceOf(measure: string): FiguresSource | undefined {
    return this.sourcesByMeasure.get(measure);
  }

  sinkOf(measure: string): FiguresSink | undefined {
    return this.sinksByMeasure.get(measure);
  }

  sources(): FiguresSource[] {
    return [...this.sourcesByMeasure.values()];
  }

  /** Names of the measures received, in name order. */
  received(): string[] {
    return [...this.sinksByMeasure.keys()].sort();
  }
}
