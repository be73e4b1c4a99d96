import { CAPABILITIES } from './tier-manifest';

const namesAt = (tier: 'national' | 'province' | 'city') =>
  CAPABILITIES.filter((c) => c.tiers.includes(tier)).map((c) => c.name);

describe('the tier manifest', () => {
  it('lists each capability once', () => {
    const names = CAPABILITIES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('composes each tier from its own capabilities', () => {
    expect(namesAt('city')).toEqual([
      'billing policy',
      'group registry replica',
      'account managers',
      'customers',
      'customer import and export',
      'billing accounts',
      'visits and tasks',
      'contacts',
      'service agreements',
      'billing: usage, bills and payments',
      'one-stop circuit orders',
      'service policy and working calendar',
      'escalations',
      'trouble tickets',
      'SLA clocks of trouble tickets',
      "the city's service quality reported upward",
      'fault checks on one-stop circuits (home city)',
    ]);
    expect(namesAt('province')).toEqual([
      'billing policy',
      "cities' customers",
      "cities' billing accounts",
      'province-wide billing door',
      'province usage',
      'province usage analytics',
      'reconciliation of the figures reported upward',
      'one-stop circuit orders',
      'service policy and working calendar',
      'escalations',
      'service quality',
    ]);
    expect(namesAt('national')).toEqual([
      'billing policy',
      'group registry',
      'national cube',
      'national usage analytics',
      'reconciliation of the figures reported upward',
      'one-stop circuit orders',
      'service policy and working calendar',
      'escalations',
      'service quality',
    ]);
  });
});
