import type { Topology } from '../topology/topology';

/**
 * Who may send a message, relative to the receiving node: its `parent`; a direct `child`; the
 * `national` node; any node of its `subtree` (children, grandchildren); or `any` node of the
 * federation (sideways work). A node missing from the topology is never accepted.
 */
export type SenderRule = 'parent' | 'child' | 'national' | 'subtree' | 'any';

/** Decides whether `source` may send; returns why not, or undefined to accept. */
export type SenderCheck = (source: string) => string | undefined;

const DESCRIPTIONS: Record<SenderRule, string> = {
  parent: 'the parent of this node',
  child: 'a child of this node',
  national: 'the national node',
  subtree: 'a node below this node',
  any: 'a node of the federation',
};

/**
 * Resolves the rules into the set of codes that may send, once at registration: the topology is
 * fixed for the life of the process, so checking a message is a set lookup.
 */
export function senderCheck(
  senders: SenderRule | readonly SenderRule[],
  self: string,
  topology: Topology,
): SenderCheck {
  const rules = [...new Set(typeof senders === 'string' ? [senders] : senders)];
  if (rules.length === 0) throw new Error('a handler must name at least one sender rule');
  const allowed = new Set<string>();
  for (const rule of rules) for (const code of codesFor(rule, self, topology)) allowed.add(code);
  const refusal = `not ${rules.map((r) => DESCRIPTIONS[r]).join(' or ')}`;
  return (source) => (allowed.has(source) ? undefined : refusal);
}

function codesFor(rule: SenderRule, self: string, topology: Topology): string[] {
  switch (rule) {
    case 'parent': {
      const parent = topology.find(self)?.parent;
      return parent ? [parent] : [];
    }
    case 'child':
      return topology.childrenOf(self).map((n) => n.code);
    case 'national':
      return topology
        .nodes()
        .filter((n) => n.tier === 'national')
        .map((n) => n.code);
    case 'subtree':
      return topology
        .nodes()
        .filter((n) => n.code !== self && topology.isWithin(n.code, self))
        .map((n) => n.code);
    case 'any':
      return topology.nodes().map((n) => n.code);
  }
}
