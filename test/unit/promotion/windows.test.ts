import { describe, expect, it } from 'vitest';
import {
  checkWindow,
  localTime,
  parseFreeze,
  parseWindow,
  passWindow,
  type WindowPolicy,
} from '../../../src/promotion/windows.js';
import { fakeClock } from '../runtime/fake-clock.js';

function policy(windows: string[], freezes: string[] = [], timezone = 'UTC'): WindowPolicy {
  return { windows: windows.map(parseWindow), freezes: freezes.map(parseFreeze), timezone };
}

describe('localTime', () => {
  it.each([
    // New York springs forward on 2026-03-08 at 02:00 EST -> 03:00 EDT.
    ['2026-03-08T06:59:00Z', 'America/New_York', 'Sun', '2026-03-08T01:59'],
    ['2026-03-08T07:00:00Z', 'America/New_York', 'Sun', '2026-03-08T03:00'],
    // London falls back on 2026-10-25 at 02:00 BST -> 01:00 GMT: 01:30 happens twice.
    ['2026-10-25T00:30:00Z', 'Europe/London', 'Sun', '2026-10-25T01:30'],
    ['2026-10-25T01:30:00Z', 'Europe/London', 'Sun', '2026-10-25T01:30'],
    ['2026-06-30T23:30:00Z', 'Asia/Kolkata', 'Wed', '2026-07-01T05:00'],
    ['2026-01-01T00:00:00Z', 'UTC', 'Thu', '2026-01-01T00:00'],
  ])('%s in %s is %s %s', (iso, zone, day, stamp) => {
    const local = localTime(Date.parse(iso), zone);
    expect(local.stamp).toBe(stamp);
    expect(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][local.day]).toBe(day);
  });
});

describe('checkWindow', () => {
  it.each([
    // [windows, freezes, timezone, instant, open]
    [['Mon-Fri 09:00-17:00'], [], 'UTC', '2026-06-01T09:00:00Z', true], // Monday, opening minute
    [['Mon-Fri 09:00-17:00'], [], 'UTC', '2026-06-01T16:59:00Z', true],
    [['Mon-Fri 09:00-17:00'], [], 'UTC', '2026-06-01T17:00:00Z', false], // end is exclusive
    [['Mon-Fri 09:00-17:00'], [], 'UTC', '2026-06-06T12:00:00Z', false], // Saturday
    [['Mon-Fri 09:00-17:00'], [], 'Europe/Paris', '2026-06-01T07:30:00Z', true], // 09:30 CEST
    [['Mon-Fri 09:00-17:00'], [], 'Europe/Paris', '2026-06-01T06:30:00Z', false], // 08:30 CEST
    // DST: 13:30Z is 08:30 EST on Friday 6 March but 09:30 EDT on Monday 9 March.
    [['Mon-Fri 09:00-17:00'], [], 'America/New_York', '2026-03-06T13:30:00Z', false],
    [['Mon-Fri 09:00-17:00'], [], 'America/New_York', '2026-03-09T13:30:00Z', true],
    // The day boundary follows the zone: Friday 23:30 UTC is Saturday in Tokyo.
    [['Mon-Fri 00:00-24:00'], [], 'Asia/Tokyo', '2026-06-05T23:30:00Z', false],
    [['Mon-Fri 00:00-24:00'], [], 'UTC', '2026-06-05T23:30:00Z', true],
    // A window through midnight belongs to the day it starts on.
    [['Fri 22:00-02:00'], [], 'UTC', '2026-06-05T23:00:00Z', true],
    [['Fri 22:00-02:00'], [], 'UTC', '2026-06-06T01:30:00Z', true], // Saturday early hours
    [['Fri 22:00-02:00'], [], 'UTC', '2026-06-05T01:30:00Z', false], // Friday early hours belong to Thursday
    [['Sat-Sun 10:00-12:00', 'Mon-Fri 09:00-17:00'], [], 'UTC', '2026-06-07T11:00:00Z', true],
    [['Fri-Mon 10:00-12:00'], [], 'UTC', '2026-06-07T11:00:00Z', true], // wraps through the weekend
    [['Fri-Mon 10:00-12:00'], [], 'UTC', '2026-06-03T11:00:00Z', false], // Wednesday
    [[], [], 'UTC', '2026-06-06T03:00:00Z', true], // no windows: always allowed
    // Freezes: whole days inclusive, in the zone.
    [[], ['2026-12-20..2027-01-02 year-end'], 'UTC', '2027-01-02T23:59:00Z', false],
    [[], ['2026-12-20..2027-01-02 year-end'], 'UTC', '2027-01-03T00:00:00Z', true],
    [[], ['2026-12-20..2027-01-02'], 'UTC', '2026-12-19T23:59:00Z', true],
    [[], ['2026-12-20..2027-01-02'], 'America/Los_Angeles', '2026-12-20T07:00:00Z', true], // still 19 Dec 23:00 in LA
    [[], ['2026-12-20..2027-01-02'], 'America/Los_Angeles', '2026-12-20T08:00:00Z', false],
    [[], ['2026-12-24T18:00..2026-12-27T08:00'], 'UTC', '2026-12-24T17:59:00Z', true],
    [[], ['2026-12-24T18:00..2026-12-27T08:00'], 'UTC', '2026-12-24T18:00:00Z', false],
    [['Mon-Fri 09:00-17:00'], ['2026-06-01..2026-06-01'], 'UTC', '2026-06-01T10:00:00Z', false], // freeze beats window
  ])('%j freeze %j in %s at %s: open=%s', (windows, freezes, zone, iso, open) => {
    expect(checkWindow(policy(windows, freezes, zone), Date.parse(iso)).open).toBe(open);
  });

  it('says why it is closed', () => {
    expect(checkWindow(policy(['Mon-Fri 09:00-17:00']), Date.parse('2026-06-06T12:00:00Z'))).toEqual({
      open: false,
      reason: 'outside the allowed windows Mon-Fri 09:00-17:00 (Sat 2026-06-06T12:00 UTC)',
    });
    expect(checkWindow(policy([], ['2026-06-01..2026-06-07 launch']), Date.parse('2026-06-06T12:00:00Z'))).toEqual({
      open: false,
      reason: 'inside the freeze 2026-06-01..2026-06-07 launch (2026-06-06T12:00 UTC)',
    });
  });
});

describe('parsing', () => {
  it.each(['Mon-Fri', 'Mon-Fri 9-17', 'Funday 09:00-17:00', 'Mon 09:00-25:00', 'Mon 09:60-10:00', 'Mon 10:00-10:00'])(
    'rejects the window %j',
    (text) => {
      expect(() => parseWindow(text)).toThrow();
    },
  );
  it.each(['2026-12-20', '2026-12-20..2026-12-19', '20/12/2026..21/12/2026', '2026-13-01..2026-13-02'])(
    'rejects the freeze %j',
    (text) => {
      expect(() => parseFreeze(text)).toThrow();
    },
  );
});

describe('passWindow', () => {
  const closed = policy(['Mon-Fri 09:00-17:00']);

  it('refuses outside the window, naming the rule', async () => {
    const clock = fakeClock('2026-06-06T12:00:00Z');
    await expect(passWindow({ policy: closed, waitMs: 0 }, clock)).rejects.toThrow(
      /^Refused by rule 'window': deployment is outside the allowed windows/,
    );
  });

  it('waits for the window when window-wait reaches it', async () => {
    const clock = fakeClock('2026-06-01T08:45:30Z');
    const outcome = await passWindow({ policy: closed, waitMs: 30 * 60_000 }, clock);
    expect(outcome).toEqual({ kind: 'waited', waitedMs: 14.5 * 60_000 });
    expect(new Date(clock.now()).toISOString()).toBe('2026-06-01T09:00:00.000Z');
  });

  it('refuses when window-wait is too short to reach the window', async () => {
    const clock = fakeClock('2026-06-01T08:00:00Z');
    await expect(passWindow({ policy: closed, waitMs: 30 * 60_000 }, clock)).rejects.toThrow(
      /does not open within window-wait/,
    );
    expect(clock.slept).toEqual([]);
  });

  it('lets an override reason through and records why it was closed', async () => {
    const clock = fakeClock('2026-06-06T12:00:00Z');
    const outcome = await passWindow(
      { policy: policy([], ['2026-06-01..2026-06-07']), waitMs: 0, overrideReason: 'hotfix INC-42' },
      clock,
    );
    expect(outcome).toEqual({
      kind: 'overridden',
      reason: 'hotfix INC-42',
      closedBecause: 'inside the freeze 2026-06-01..2026-06-07 (2026-06-06T12:00 UTC)',
    });
  });
});
