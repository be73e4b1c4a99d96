import { PERMISSIONS, ROLE_GRANTS, reachOf } from './permissions';
import { ROLES } from './roles';

describe('the authorisation matrix', () => {
  it('grants only known permissions', () => {
    for (const role of ROLES) {
      for (const permission of Object.keys(ROLE_GRANTS[role])) {
        expect(PERMISSIONS).toContain(permission);
      }
    }
  });

  it('keeps an account manager to their own portfolio for customer records', () => {
    expect(reachOf(['account_manager'], 'customers:read')).toBe('portfolio');
    expect(reachOf(['account_manager'], 'contacts:write')).toBe('portfolio');
    expect(reachOf(['account_manager'], 'customers:import')).toBeUndefined();
  });

  it('takes the widest reach when roles combine', () => {
    expect(reachOf(['account_manager', 'city_admin'], 'customers:read')).toBe('subtree');
    expect(reachOf(['city_admin', 'account_manager'], 'customers:read')).toBe('subtree');
  });

  it('keeps personal data (contacts) to city roles', () => {
    const reaching = ROLES.filter((r) => reachOf([r], 'contacts:read'));
    expect(reaching.sort()).toEqual(['account_manager', 'city_admin', 'service_desk']);
  });

  it('lets the service desk work every ticket of its city, and account managers those of their portfolio', () => {
    expect(reachOf(['service_desk'], 'trouble-tickets:write')).toBe('subtree');
    expect(reachOf(['city_admin'], 'trouble-tickets:write')).toBe('subtree');
    expect(reachOf(['account_manager'], 'trouble-tickets:write')).toBe('portfolio');
    expect(reachOf(['service_desk'], 'customers:write')).toBeUndefined();
    const cityOnly = ROLES.filter((r) => reachOf([r], 'trouble-tickets:read'));
    expect(cityOnly.sort()).toEqual(['account_manager', 'city_admin', 'service_desk']);
  });

  it('gives HQ roles the group registry and never the customer file', () => {
    for (const role of ['hq_analyst', 'hq_admin'] as const) {
      expect(reachOf([role], 'groups:read')).toBe('subtree');
      expect(reachOf([role], 'customers:read')).toBeUndefined();
    }
    expect(reachOf(['hq_analyst'], 'groups:write')).toBeUndefined();
  });

  it('lets the billing system ingest and nothing else', () => {
    const granted = PERMISSIONS.filter((p) => reachOf(['billing_system'], p));
    expect(granted).toEqual(['billing:ingest']);
  });
});
