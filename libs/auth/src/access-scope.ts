import type { Permission, Reach } from './permissions';
import type { Principal } from './principal';

/**
 * The node hierarchy as authorisation sees it. The federation's topology satisfies it; auth keeps
 * its own view so that every lib, the federation included, can put access rules on its routes.
 */
export interface NodeHierarchy {
  find(code: string): { code: string; tier: string } | undefined;
  nodes(): readonly { code: string; tier: string }[];
  /** True when `code` is `ancestor` or lies below it. */
  isWithin(code: string, ancestor: string): boolean;
}

/**
 * What one request may touch: computed by the auth guard from the token and the route's
 * permission, handed to services, which turn it into SQL filters. An out-of-scope record is
 * reported as not found, so its existence is not disclosed.
 */
export class AccessScope {
  private cities: readonly string[] | undefined;

  constructor(
    readonly principal: Principal,
    readonly permission: Permission,
    readonly reach: Reach,
    private readonly hierarchy: NodeHierarchy,
  ) {}

  /** Staff id whose portfolio bounds this request, or undefined when it reaches the subtree. */
  get portfolioOf(): string | undefined {
    return this.reach === 'portfolio' ? this.principal.subject : undefined;
  }

  /** True when records owned by `nodeCode` are within the principal's subtree. */
  covers(nodeCode: string): boolean {
    return this.hierarchy.isWithin(nodeCode, this.principal.nodeCode);
  }

  /** Every node within the principal's subtree (its own included). */
  nodeCodes(): readonly string[] {
    return this.hierarchy
      .nodes()
      .filter((n) => this.covers(n.code))
      .map((n) => n.code);
  }

  /** City nodes within the principal's subtree. */
  cityCodes(): readonly string[] {
    this.cities ??= this.hierarchy
      .nodes()
      .filter((n) => n.tier === 'city' && this.covers(n.code))
      .map((n) => n.code);
    return this.cities;
  }
}
