import { UserError } from '../runtime/errors.js';
import { type Clock, throwIfCancelled } from '../runtime/clock.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MINUTE = 60_000;

/** `Mon-Fri 09:00-17:00`: the days it starts on and minutes since local midnight (end may pass midnight). */
export interface DeployWindow {
  text: string;
  days: Set<number>;
  start: number;
  end: number;
}

/** `2026-12-20..2027-01-02 Year-end`: local date-times compared as `YYYY-MM-DDTHH:MM` strings. */
export interface Freeze {
  text: string;
  from: string;
  until: string;
  label?: string;
}

export interface WindowPolicy {
  windows: DeployWindow[];
  freezes: Freeze[];
  timezone: string;
}

export type WindowVerdict = { open: true } | { open: false; reason: string };

function dayIndex(name: string): number {
  const index = DAYS.findIndex((day) => day.toLowerCase() === name.slice(0, 3).toLowerCase());
  if (index < 0 || name.length < 3) throw new Error(`unknown day '${name}'`);
  return index;
}

function minutes(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  const value = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || value > 24 * 60) throw new Error(`bad time '${text}'`);
  return value;
}

/** Parses one window: `Mon-Fri 09:00-17:00`, `Sat 10:00-12:00`, `daily 22:00-02:00`. */
export function parseWindow(text: string): DeployWindow {
  const match = /^(\S+)\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(text.trim());
  if (!match) throw new Error('expected `<days> HH:MM-HH:MM`');
  const [, dayText = '', startText = '', endText = ''] = match;
  const days = new Set<number>();
  if (['daily', '*'].includes(dayText.toLowerCase())) DAYS.forEach((_, i) => days.add(i));
  else {
    const [first = '', last] = dayText.split('-');
    const from = dayIndex(first);
    const to = last === undefined ? from : dayIndex(last);
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === to) break;
    }
  }
  const start = minutes(startText);
  const end = minutes(endText);
  if (start === end) throw new Error('a window cannot start and end at the same time');
  return { text: text.trim(), days, start, end };
}

const LOCAL = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;

/** Parses one freeze: `2026-12-20..2027-01-02` (whole days) or `2026-12-24T18:00..2026-12-27T08:00`, with an optional label. */
export function parseFreeze(text: string): Freeze {
  const match = /^(\S+)\.\.(\S+)(?:\s+(.+))?$/.exec(text.trim());
  if (!match) throw new Error('expected `YYYY-MM-DD..YYYY-MM-DD [label]`');
  const [, fromText = '', untilText = '', label] = match;
  if (!LOCAL.test(fromText) || !LOCAL.test(untilText) || Number.isNaN(Date.parse(fromText.slice(0, 10))))
    throw new Error('dates must be YYYY-MM-DD or YYYY-MM-DDTHH:MM');
  const from = fromText.includes('T') ? fromText : `${fromText}T00:00`;
  // A date-only end includes that whole day; `T24:00` sorts after every time of the day.
  const until = untilText.includes('T') ? untilText : `${untilText}T24:00`;
  if (until <= from) throw new Error('the end is before the start');
  return { text: text.trim(), from, until, label };
}

/** Throws a RangeError for a time zone Intl does not know (IANA names such as `Europe/Paris`). */
export function assertTimeZone(timezone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone: timezone });
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time in `timezone`: weekday (0 = Sunday), minutes since midnight, and `YYYY-MM-DDTHH:MM`. */
export function localTime(epochMs: number, timezone: string): { day: number; minute: number; stamp: string } {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(epochMs).map((part) => [part.type, part.value]));
  const hour = Number(parts.hour) % 24;
  const stamp = `${parts.year}-${parts.month}-${parts.day}T${String(hour).padStart(2, '0')}:${parts.minute}`;
  return { day: dayIndex(parts.weekday ?? ''), minute: hour * 60 + Number(parts.minute), stamp };
}

function inWindow(window: DeployWindow, day: number, minute: number): boolean {
  if (window.start < window.end) return window.days.has(day) && minute >= window.start && minute < window.end;
  // Passes midnight: the late part belongs to the listed day, the early part to the day after it.
  return (window.days.has(day) && minute >= window.start) || (window.days.has((day + 6) % 7) && minute < window.end);
}

/** Whether a deployment may start at `epochMs`: inside an allowed window (when any are set) and outside every freeze. */
export function checkWindow(policy: WindowPolicy, epochMs: number): WindowVerdict {
  const { day, minute, stamp } = localTime(epochMs, policy.timezone);
  const freeze = policy.freezes.find((f) => stamp >= f.from && stamp < f.until);
  if (freeze) return { open: false, reason: `inside the freeze ${freeze.text} (${stamp} ${policy.timezone})` };
  if (policy.windows.length > 0 && !policy.windows.some((w) => inWindow(w, day, minute))) {
    return {
      open: false,
      reason: `outside the allowed windows ${policy.windows.map((w) => w.text).join(', ')} (${DAYS[day]} ${stamp} ${policy.timezone})`,
    };
  }
  return { open: true };
}

/** The first whole minute within `limitMs` of `epochMs` at which the window is open, if any. */
export function nextOpening(policy: WindowPolicy, epochMs: number, limitMs: number): number | undefined {
  const first = Math.ceil(epochMs / MINUTE) * MINUTE;
  for (let at = first; at <= epochMs + limitMs; at += MINUTE) {
    if (checkWindow(policy, at).open) return at;
  }
  return undefined;
}

export interface WindowGate {
  policy: WindowPolicy;
  /** How long to wait for the next window instead of refusing; 0 refuses at once. */
  waitMs: number;
  /** Bypasses windows and freezes; recorded in the deployment payload and the summary. */
  overrideReason?: string;
}

export type WindowOutcome =
  | { kind: 'open' }
  | { kind: 'overridden'; reason: string; closedBecause: string }
  | { kind: 'waited'; waitedMs: number };

/** Passes when the window is open (waiting for it when allowed), or an override reason is given; refuses otherwise. */
export async function passWindow(
  gate: WindowGate,
  clock: Clock,
  signal?: AbortSignal,
  log: (message: string) => void = () => {},
): Promise<WindowOutcome> {
  const start = clock.now();
  const verdict = checkWindow(gate.policy, start);
  if (verdict.open) return { kind: 'open' };
  if (gate.overrideReason) return { kind: 'overridden', reason: gate.overrideReason, closedBecause: verdict.reason };
  const opening = gate.waitMs > 0 ? nextOpening(gate.policy, start, gate.waitMs) : undefined;
  if (opening === undefined) {
    const waited = gate.waitMs > 0 ? `, and it does not open within window-wait` : '';
    throw new UserError(
      `Refused by rule 'window': deployment is ${verdict.reason}${waited}; set 'override-reason' to deploy anyway.`,
    );
  }
  log(`Deployment is ${verdict.reason}; waiting until ${new Date(opening).toISOString()}.`);
  while (clock.now() < opening) {
    throwIfCancelled(signal);
    await clock.sleep(Math.min(opening - clock.now(), MINUTE), signal);
  }
  return { kind: 'waited', waitedMs: clock.now() - start };
}
