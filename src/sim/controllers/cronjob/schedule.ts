/**
 * CronJob schedules: run times come from the cron-parser package (with the CronJob's
 * timeZone); mostRecentScheduleTime and nextScheduleTimeDuration follow
 * pkg/controller/cronjob/utils.go, including its count of missed schedules.
 */
import { CronExpressionParser } from 'cron-parser';
import { parseTime } from '../../core';
import type { CronJobObj } from '../common/types';

export interface Schedule {
  /** The first run strictly after `ms`. */
  next(ms: number): number;
}

/** nextScheduleDelta: requeue a little after the slot so the sync lands past it. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

/** Go's time.ParseDuration for @every (h, m, s, ms units). */
function goDuration(s: string): number {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let total = 0;
  let consumed = '';
  for (const m of s.matchAll(re)) {
    const n = Number(m[1]);
    total += n * ({ h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms']);
    consumed += m[0];
  }
  if (consumed !== s || total <= 0) throw new Error(`time: invalid duration "${s}"`);
  return total;
}

/** cron.ParseStandard, with the CronJob's timeZone (or a TZ= / CRON_TZ= prefix). */
export function parseSchedule(schedule: string, timeZone?: string): Schedule {
  let expr = schedule.trim();
  let tz = timeZone;
  const prefix = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(expr);
  if (prefix) {
    tz = prefix[1];
    expr = prefix[2] as string;
  }
  if (expr.startsWith('@every ')) {
    const every = Math.max(1000, Math.floor(goDuration(expr.slice(7).trim()) / 1000) * 1000);
    return { next: (ms) => Math.floor(ms / 1000) * 1000 + every };
  }
  expr = DESCRIPTORS[expr] ?? expr;
  CronExpressionParser.parse(expr, { currentDate: new Date(0), tz });
  return {
    next: (ms) => CronExpressionParser.parse(expr, { currentDate: new Date(ms), tz }).next().getTime(),
  };
}

export type Missed = 'none' | 'few' | 'many';

export interface MostRecent {
  earliest: number;
  mostRecent: number | undefined;
  missed: Missed;
}

export function mostRecentScheduleTime(cj: CronJobObj, now: number, schedule: Schedule, withStartingDeadline: boolean): MostRecent {
  let earliest = cj.status?.lastScheduleTime ? parseTime(cj.status.lastScheduleTime) : parseTime(cj.metadata.creationTimestamp ?? '');
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (withStartingDeadline && deadline !== undefined && deadline !== null) {
    const limit = now - deadline * 1000;
    if (limit > earliest) earliest = limit;
  }
  const t1 = schedule.next(earliest);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliest, mostRecent: undefined, missed: 'none' };
  if (now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new Error('time difference between two schedules is less than 1 second');
  const elapsed = Math.floor((now - t1) / 1000);
  const missedCount = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** nextScheduleTimeDuration: how long until the next slot (plus 100 ms). */
export function nextScheduleDelay(cj: CronJobObj, now: number, schedule: Schedule): number {
  let from: number;
  try {
    const r = mostRecentScheduleTime(cj, now, schedule, false);
    from = r.mostRecent ?? (r.missed === 'none' ? r.earliest : now);
  } catch {
    from = now;
  }
  return schedule.next(from) + NEXT_SCHEDULE_DELTA_MS - now;
}

/** getTimeHashInMinutes: the Job name suffix. */
export function jobNameFor(cj: CronJobObj, scheduled: number): string {
  return `${cj.metadata.name ?? ''}-${Math.floor(scheduled / 60_000)}`;
}

/** time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
