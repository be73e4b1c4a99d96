import { reconciliationOptionsFromEnv } from './reconciliation.options';

describe('reconciliation settings', () => {
  it('defaults to hourly runs and a 30 s answer timeout', () => {
    expect(reconciliationOptionsFromEnv({})).toEqual({ intervalMs: 3_600_000, answerTimeoutMs: 30_000 });
  });

  it('accepts 0 as off and names the variable at fault', () => {
    expect(reconciliationOptionsFromEnv({ RECONCILIATION_INTERVAL_MS: '0' }).intervalMs).toBe(0);
    expect(() => reconciliationOptionsFromEnv({ RECONCILIATION_INTERVAL_MS: '500' })).toThrow(
      /^RECONCILIATION_INTERVAL_MS: /,
    );
    expect(() => reconciliationOptionsFromEnv({ RECONCILIATION_ANSWER_TIMEOUT_MS: '30s' })).toThrow(
      /^RECONCILIATION_ANSWER_TIMEOUT_MS: /,
    );
  });
});
