/**
 * Named crash points used by the fault-tolerance tests, which run nodes as real processes and
 * need them to die at an exact instant. Inert unless the node's `KAF_FAULT_POINTS` (passed in as
 * `MessagingOptions.faultPoints`) names the point, e.g. `relay.after-send:3` kills the process the
 * third time the point is reached.
 */
export const FAULT_POINTS = ['relay.after-send', 'inbox.after-commit'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export class FaultPoints {
  private readonly armed: Map<string, number>;
  private readonly hits = new Map<string, number>();

  constructor(spec = '') {
    this.armed = parse(spec);
  }

  reach(point: FaultPoint): void {
    const at = this.armed.get(point);
    if (at === undefined) return;
    const n = (this.hits.get(point) ?? 0) + 1;
    this.hits.set(point, n);
    if (n === at) {
      process.stderr.write(`fault point ${point} reached (hit ${n}): killing process\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  }
}

function parse(spec: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, count] = part.split(':');
    map.set(name!, Number(count ?? '1') || 1);
  }
  return map;
}
