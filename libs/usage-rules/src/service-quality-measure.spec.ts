import {
  SERVICE_QUALITY_MEASURE,
  type ServiceQualityLine,
  ratio,
  serviceQualityFiguresOf,
  serviceQualityLineMessage,
  serviceQualityLineOf,
  serviceQualityMonthTotals,
  serviceQualityRatios,
  serviceQualityRefusal,
  sumServiceQualityColumns,
  zeroServiceQuality,
} from './service-quality-measure';

const line = (over: Partial<ServiceQualityLine>): ServiceQualityLine => ({
  ticketType: 'fault',
  severity: 'critical',
  grade: 'A',
  ...zeroServiceQuality(),
  opened: 1n,
  ...over,
});

describe('the service-quality measure', () => {
  it('reads figures from rows as PostgreSQL hands them back, missing and null as zero', () => {
    const figures = serviceQualityFiguresOf({
      opened: '3',
      restore_minutes_sum: '9007199254740993',
      satisfaction_sum: null,
    });
    expect(figures).toMatchObject({
      opened: 3n,
      restoreMinutesSum: 9_007_199_254_740_993n,
      satisfactionSum: 0n,
    });
    expect(sumServiceQualityColumns('l')).toContain(
      'coalesce(sum(l.restore_minutes_sum), 0)::text AS restore_minutes_sum',
    );
  });

  it('totals a city-month over its lines: complaints from the complaint lines, every total named', () => {
    const totals = serviceQualityMonthTotals(
      [
        line({ opened: 2n, restoredCount: 2n, restoreMinutesSum: 480n }),
        line({ ticketType: 'complaint', grade: 'B', opened: 3n, closed: 1n }),
      ],
      40n,
    );
    expect(Object.keys(totals).sort()).toEqual([...SERVICE_QUALITY_MEASURE.totals].sort());
    expect(totals).toMatchObject({
      opened: 5n,
      closed: 1n,
      restoredCount: 2n,
      restoreMinutesSum: 480n,
      complaintsOpened: 3n,
      activeCustomers: 40n,
      lines: 2n,
    });
  });

  it('derives compliance, mean time to restore, coverage, satisfaction and complaints per 100', () => {
    const f = {
      ...zeroServiceQuality(),
      responseDue: 3n,
      responseMet: 2n,
      restoreDue: 8n,
      restoreMet: 7n,
      restoredCount: 3n,
      restoreMinutesSum: 571n,
      returnVisitsDue: 4n,
      returnVisitsDone: 3n,
      satisfactionSum: 13n,
      satisfactionCount: 3n,
    };
    expect(serviceQualityRatios(f, 2n, 3n)).toEqual({
      responseCompliancePct: 66.7,
      restoreCompliancePct: 87.5,
      meanTimeToRestoreMinutes: 190,
      returnVisitCoveragePct: 75,
      meanSatisfaction: 4.33,
      complaintsPer100Customers: 66.67,
    });
    expect(serviceQualityRatios(zeroServiceQuality(), 0n, 0n)).toEqual({
      responseCompliancePct: null,
      restoreCompliancePct: null,
      meanTimeToRestoreMinutes: null,
      returnVisitCoveragePct: null,
      meanSatisfaction: null,
      complaintsPer100Customers: null,
    });
    // Half away from zero, exactly, beyond what a double holds.
    expect(ratio(1n, 8n, 1, 2)).toBe(0.13);
    expect(ratio(2n * 10n ** 20n + 1n, 2n, 1, 0)).toBe(1e20);
  });

  it('carries a line over the wire and back unchanged', () => {
    const sent = line({
      restoreMinutesSum: 9_007_199_254_740_993n,
      satisfactionSum: 9n,
      satisfactionCount: 2n,
    });
    expect(serviceQualityLineOf(serviceQualityLineMessage(sent))).toEqual(sent);
  });

  it('refuses lines that cannot be true, naming the line', () => {
    expect(serviceQualityRefusal([line({}), line({ grade: 'B' })])).toBeUndefined();
    const cases: [ServiceQualityLine[], RegExp][] = [
      [[line({ ticketType: 'outage' })], /unknown ticket type/],
      [[line({ grade: '?' })], /unknown grade/],
      [[line({}), line({})], /appears twice/],
      [[line({ opened: 0n })], /is empty/],
      [[line({ responseDue: 1n, responseMet: 2n })], /more responses/],
      [[line({ restoreDue: 0n, restoreMet: 1n })], /more restores/],
      [[line({ returnVisitsDue: 1n, returnVisitsDone: 2n })], /more return visits/],
      [[line({ satisfactionSum: 11n, satisfactionCount: 2n })], /outside 1–5/],
      [[line({ closed: 2n ** 32n })], /closed out of range/],
    ];
    for (const [lines, why] of cases) expect(serviceQualityRefusal(lines)).toMatch(why);
  });
});
