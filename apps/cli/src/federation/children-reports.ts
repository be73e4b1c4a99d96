import type { ChildView } from './node-http';
import type { NodeRecord } from './federation-state';

/** Parents among the recorded nodes, each with the recorded nodes directly below it. */
export function expectedReports(
  nodes: readonly NodeRecord[],
): { parent: NodeRecord; children: NodeRecord[] }[] {
  return nodes
    .map((parent) => ({ parent, children: nodes.filter((n) => n.parent === parent.code) }))
    .filter((p) => p.children.length > 0);
}

/** The expected children whose health, as the parent sees it, is not `reporting` yet. */
export function missingReports(
  view: readonly ChildView[],
  expected: readonly string[],
): { code: string; health: string }[] {
  const byCode = new Map(view.map((c) => [c.code, c]));
  return expected
    .map((code) => ({ code, health: byCode.get(code)?.health ?? 'unknown to the parent' }))
    .filter((c) => c.health !== 'reporting');
}

/** E.g. `2/2 children reporting` or `1/2 children reporting; 330200 late (23.0s ago)`. */
export function summariseChildren(
  children: readonly ChildView[] | Error,
  recorded: ReadonlySet<string>,
): string {
  if (children instanceof Error) return `children unavailable: ${children.message}`;
  if (children.length === 0) return 'no children in the topology';
  const reporting = children.filter((c) => c.health === 'reporting').length;
  const others = children
    .filter((c) => c.health !== 'reporting')
    .map((c) => {
      const age = c.ageSeconds === null ? '' : ` (${c.ageSeconds}s ago)`;
      const started = recorded.has(c.code) ? '' : ', not started here';
      return `${c.code} ${c.health}${age}${started}`;
    });
  return `${reporting}/${children.length} children reporting${others.length > 0 ? `; ${others.join(', ')}` : ''}`;
}
