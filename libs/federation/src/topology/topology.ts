import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const NODE_TIERS = ['national', 'province', 'city'] as const;
export type NodeTier = (typeof NODE_TIERS)[number];

export interface TopologyNode {
  code: string;
  name: string;
  tier: NodeTier;
  parent?: string;
}

const cityCode = z
  .string()
  .regex(/^\d{4}00$/, 'must be a GB/T 2260 prefecture code (6 digits ending in 00)')
  .refine((c) => !c.endsWith('0000'), 'a city code must not end in 0000');
const provinceCode = z
  .string()
  .regex(/^\d{2}0000$/, 'must be a GB/T 2260 province code (6 digits ending in 0000)');

const fileSchema = z
  .object({
    national: z.object({ code: z.literal('CN'), name: z.string().min(1) }).strict(),
    provinces: z
      .array(
        z
          .object({
            code: provinceCode,
            name: z.string().min(1),
            cities: z.array(z.object({ code: cityCode, name: z.string().min(1) }).strict()),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.provinces.forEach((p, pi) => {
      if (seen.has(p.code))
        ctx.addIssue({
          code: 'custom',
          path: ['provinces', pi, 'code'],
          message: `duplicate node ${p.code}`,
        });
      seen.add(p.code);
      p.cities.forEach((c, ci) => {
        if (seen.has(c.code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['provinces', pi, 'cities', ci, 'code'],
            message: `duplicate node ${c.code}`,
          });
        }
        if (c.code.slice(0, 2) !== p.code.slice(0, 2)) {
          ctx.addIssue({
            code: 'custom',
            path: ['provinces', pi, 'cities', ci, 'code'],
            message: `city ${c.code} does not belong to province ${p.code}`,
          });
        }
        seen.add(c.code);
      });
    });
  });

export type TopologyFile = z.infer<typeof fileSchema>;

export class TopologyError extends Error {
  override readonly name = 'TopologyError';
}

/** The federation's shape: who exists, at which tier, under whom. Loaded once at boot. */
export class Topology {
  private readonly byCode = new Map<string, TopologyNode>();

  constructor(file: TopologyFile) {
    this.add({ code: file.national.code, name: file.national.name, tier: 'national' });
    for (const p of file.provinces) {
      this.add({ code: p.code, name: p.name, tier: 'province', parent: file.national.code });
      for (const c of p.cities) this.add({ code: c.code, name: c.name, tier: 'city', parent: p.code });
    }
  }

  static parse(json: unknown, source = 'topology'): Topology {
    const result = fileSchema.safeParse(json);
    if (!result.success) {
      const issues = result.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new TopologyError(`${source} is invalid: ${issues}`);
    }
    return new Topology(result.data);
  }

  static load(path: string): Topology {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new TopologyError(`cannot read topology file ${path}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new TopologyError(`topology file ${path} is not valid JSON: ${(error as Error).message}`);
    }
    return Topology.parse(json, `topology file ${path}`);
  }

  /** Every node, parents before children (national, then each province followed by its cities). */
  nodes(): TopologyNode[] {
    return [...this.byCode.values()];
  }

  find(code: string): TopologyNode | undefined {
    return this.byCode.get(code);
  }

  get(code: string): TopologyNode {
    const node = this.byCode.get(code);
    if (!node) throw new TopologyError(`node ${code} is not in the topology`);
    return node;
  }

  childrenOf(code: string): TopologyNode[] {
    return this.nodes().filter((n) => n.parent === code);
  }

  /** True when `code` is `ancestor` itself or lies beneath it. */
  isWithin(code: string, ancestor: string): boolean {
    for (let node = this.find(code); node; node = node.parent ? this.find(node.parent) : undefined) {
      if (node.code === ancestor) return true;
    }
    return false;
  }

  private add(node: TopologyNode): void {
    this.byCode.set(node.code, node);
  }
}
