import { describe, expect, it } from 'vitest';
import { defaultGrouping, formatDuration, groupingsFor, periodRange, trendPercent } from './periods';

const day = 86_400;

describe('report periods', () => {
  const now = new Date(2026, 11, 3, 10, 20);

  it('ends the presets at the next whole hour and starts them where their name says', () => {
    const range = periodRange('7d', now);
    expect(range.until).toBe(Math.floor(new Date(2026, 11, 3, 11).getTime() / 1000));
    expect(range.until - range.since).toBe(7 * day);
    expect(periodRange('today', now).since).toBe(Math.floor(new Date(2026, 11, 3).getTime() / 1000));
    expect(periodRange('3m', now).since).toBe(Math.floor(new Date(2026, 8, 3).getTime() / 1000));
    expect(periodRange('1y', now).since).toBe(Math.floor(new Date(2025, 11, 3).getTime() / 1000));
  });

  it('takes a custom period with both days included, and falls back to 7 days when the dates are reversed', () => {
    const range = periodRange('custom', now, { from: '2026-11-01', to: '2026-11-02' });
    expect(range.since).toBe(Math.floor(new Date(2026, 10, 1).getTime() / 1000));
    expect(range.until).toBe(Math.floor(new Date(2026, 10, 3).getTime() / 1000));
    expect(periodRange('custom', now, { from: '2026-11-05', to: '2026-11-02' }).until - periodRange('custom', now, { from: '2026-11-05', to: '2026-11-02' }).since).toBe(7 * day);
  });

  it('offers days, weeks and months only where the period holds enough of them', () => {
    expect(groupingsFor({ since: 0, until: 7 * day })).toEqual(['day']);
    expect(groupingsFor({ since: 0, until: 30 * day })).toEqual(['day', 'week']);
    expect(groupingsFor({ since: 0, until: 180 * day })).toEqual(['day', 'week', 'month']);
    expect(groupingsFor({ since: 0, until: 3 * 365 * day })).toEqual(['week', 'month']);
    expect(defaultGrouping({ since: 0, until: 30 * day })).toBe('day');
    expect(defaultGrouping({ since: 0, until: 90 * day })).toBe('week');
    expect(defaultGrouping({ since: 0, until: 365 * day })).toBe('month');
  });

  it('gives the trend in percent against the previous period, none when the previous is 0', () => {
    expect(trendPercent(15, 10)).toBe(50);
    expect(trendPercent(5, 10)).toBe(-50);
    expect(trendPercent(3, 0)).toBeNull();
  });

  it('formats durations to the two largest units', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(725)).toBe('12m 5s');
    expect(formatDuration(12_000)).toBe('3h 20m');
    expect(formatDuration(2 * day + 4 * 3600)).toBe('2d 4h');
  });
});
