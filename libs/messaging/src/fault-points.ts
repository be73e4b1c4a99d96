/**
 * Named crash points used by the fault-tolerance tests, which run nodes as real processes and
 * need them to die at an exact instant. Inert unless KAF_FAULT_POINTS names the point, e.g.
 * `KAF_FAULT_POINTS=relay.after-send:3` kills the process the third time the point is reached.
 */
export type FaultPoint = 'relay.after-send' | 'inbox.after-commit';

const armed = parse(process.env.KAF_FAULT_POINTS ?? '');
const hits = new Map<string, number>();

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

export function reachFaultPoint(point: FaultPoint): void {
  const at = armed.get(point);
  if (at === undefined) return;
  const n = (hits.get(point) ?? 0) + 1;
  hits.set(point, n);
  if (n === at) {
    process.stderr.write(`fault point ${point} reached (hit ${n}): killing process\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
