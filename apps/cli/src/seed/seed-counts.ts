export const SEEDED_KINDS = [
  'group customers',
  'account managers',
  'customers',
  'status changes',
  'group memberships',
  'contacts',
  'agreements',
  'billing accounts',
  'visits',
  'follow-up tasks',
] as const;
export type SeededKind = (typeof SEEDED_KINDS)[number];

export interface Tally {
  created: number;
  /** Already there from an earlier run (409, or found and left as it is). */
  existing: number;
}

/** What one seeding run did, per kind of record and node. */
export class SeedCounts {
  private readonly byNode = new Map<string, Map<SeededKind, Tally>>();
  readonly errors: string[] = [];

  created(node: string, kind: SeededKind, n = 1): void {
    this.tally(node, kind).created += n;
  }

  existing(node: string, kind: SeededKind, n = 1): void {
    this.tally(node, kind).existing += n;
  }

  total(kind: SeededKind): Tally {
    const sum: Tally = { created: 0, existing: 0 };
    for (const kinds of this.byNode.values()) {
      const t = kinds.get(kind);
      if (t) {
        sum.created += t.created;
        sum.existing += t.existing;
      }
    }
    return sum;
  }

  of(node: string, kind: SeededKind): Tally {
    return this.byNode.get(node)?.get(kind) ?? { created: 0, existing: 0 };
  }

  nodes(): string[] {
    return [...this.byNode.keys()];
  }

  private tally(node: string, kind: SeededKind): Tally {
    let kinds = this.byNode.get(node);
    if (!kinds) {
      kinds = new Map();
      this.byNode.set(node, kinds);
    }
    let t = kinds.get(kind);
    if (!t) {
      t = { created: 0, existing: 0 };
      kinds.set(kind, t);
    }
    return t;
  }
}
