import type { ReportGrouping } from '$lib/services/report-service';

export const periodPresets = ['today', '7d', '30d', '3m', '6m', '1y', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

const day = 86_400;

/** The start of the viewer's local day holding `date`, as a Date. */
function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/**
 * A preset's period in Unix seconds, ending now (rounded up to the hour, as the API rounds); months
 * and the year are calendar months back from today. `custom` takes the two dates (YYYY-MM-DD, both
 * days included).
 */
export function periodRange(preset: PeriodPreset, now: Date, custom?: { from: string; to: string }): { since: number; until: number } {
  const until = Math.ceil(now.getTime() / 1000 / 3600) * 3600;
  const back = (months: number) => {
    const start = startOfDay(now);
    start.setMonth(start.getMonth() - months);
    return Math.floor(start.getTime() / 1000);
  };
  switch (preset) {
    case 'today':
      return { since: Math.floor(startOfDay(now).getTime() / 1000), until };
    case '7d':
      return { since: until - 7 * day, until };
    case '30d':
      return { since: until - 30 * day, until };
    case '3m':
      return { since: back(3), until };
    case '6m':
      return { since: back(6), until };
    case '1y':
      return { since: back(12), until };
    case 'custom': {
      const from = custom ? parseLocalDate(custom.from) : null;
      const to = custom ? parseLocalDate(custom.to) : null;
      if (!from || !to || from > to) return { since: until - 7 * day, until };
      const end = new Date(to);
      end.setDate(end.getDate() + 1);
      return { since: Math.floor(from.getTime() / 1000), until: Math.floor(end.getTime() / 1000) };
    }
  }
}

function parseLocalDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/**
 * The groupings that make a readable chart for a period: days up to a year (the API's 400-point
 * cap), weeks from two weeks, months from two months.
 */
export function groupingsFor(range: { since: number; until: number }): ReportGrouping[] {
  const days = (range.until - range.since) / day;
  const allowed: ReportGrouping[] = [];
  if (days <= 370) allowed.push('day');
  if (days >= 14) allowed.push('week');
  if (days >= 60) allowed.push('month');
  return allowed.length > 0 ? allowed : ['month'];
}

/** The grouping a period opens with: days up to a month, weeks up to half a year, months beyond. */
export function defaultGrouping(range: { since: number; until: number }): ReportGrouping {
  const days = (range.until - range.since) / day;
  return days <= 31 ? 'day' : days <= 186 ? 'week' : 'month';
}

/** The change against the previous period in percent, `(current − previous) / previous × 100`; null when the previous is 0. */
export function trendPercent(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

/** A duration in seconds as people read it: "45s", "12m 5s", "3h 20m", "2d 4h"; "—" for none. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${whole % 60}s`;
  if (whole < day) return `${Math.floor(whole / 3600)}h ${Math.floor((whole % 3600) / 60)}m`;
  return `${Math.floor(whole / day)}d ${Math.floor((whole % day) / 3600)}h`;
}
