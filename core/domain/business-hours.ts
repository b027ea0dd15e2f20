/**
 * An inbox's business hours, in Chatwoot's `working_hours` shape (one entry per weekday, 0 = Sunday),
 * and the one pure rule that says whether a moment falls inside them. Used by routing-rule
 * conditions now and by reports later.
 */
export type WorkingHoursDay = {
  day_of_week: number;
  closed_all_day: boolean;
  open_all_day?: boolean;
  open_hour: number | null;
  open_minutes: number | null;
  close_hour: number | null;
  close_minutes: number | null;
};

export type BusinessHours = { enabled: boolean; timezone: string; days: WorkingHoursDay[] };

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The weekday and minute of the day at `at` on the wall clock of `timezone`. */
export function localWeekdayAndMinute(at: Date, timezone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return { weekday: weekdayIndex[part('weekday')] ?? 0, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Inside when business hours are off (every hour counts, as in Chatwoot) or the day's window holds the moment. */
export function isInsideBusinessHours(hours: BusinessHours | undefined | null, at: Date): boolean {
  if (!hours?.enabled) return true;
  const { weekday, minute } = localWeekdayAndMinute(at, hours.timezone);
  const day = hours.days.find((d) => d.day_of_week === weekday);
  if (!day || day.closed_all_day) return false;
  if (day.open_all_day) return true;
  const opens = (day.open_hour ?? 0) * 60 + (day.open_minutes ?? 0);
  const closes = (day.close_hour ?? 0) * 60 + (day.close_minutes ?? 0);
  return minute >= opens && minute < closes;
}
