import type { NodeProcess } from './node-process';

/** Sums a Prometheus metric (all label sets, or those matching `labels`) scraped from a node. */
export async function metricValue(
  node: NodeProcess,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(`${node.url}/metrics`);
  const text = await res.text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_:]+)(\{([^}]*)\})?\s+([-+\deE.]+|NaN)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const lineLabels = Object.fromEntries(
      (match[3] ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv): [string, string] => {
          const [k, v] = kv.split('=');
          return [k ?? '', (v ?? '').replace(/^"|"$/g, '')];
        }),
    );
    if (Object.entries(labels).every(([k, v]) => lineLabels[k] === v)) sum += Number(match[4]);
  }
  return sum;
}
