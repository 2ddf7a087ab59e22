// OS notifications: one per person every two minutes at most, a count only, none for kinds the
// person turned off or in their quiet hours (in their location's time zone), none twice.
import { describe, expect, it } from 'vitest';
import { InboxNotice } from '../ipc/schemas';
import { NOTIFICATION_KINDS } from './schema';
import { isQuiet, OS_NOTICE_GAP_MS, OsNoticeBatcher, type Arrival } from './os-batch';

const ALL = { osKinds: [...NOTIFICATION_KINDS], quietStart: '', quietEnd: '' };
const n = (id: string, kind: Arrival['kind'] = 'assigned', readAt = ''): Arrival => ({ id, kind, readAt });
const T = Date.parse('2026-03-09T15:00:00Z'); // 11:00 in New York

describe('OS notification batching', () => {
  it('shows the first at once, then holds the rest for two minutes and shows their count', () => {
    const b = new OsNoticeBatcher();
    b.offer([n('a')], ALL, 'America/New_York', T);
    expect(b.take(T)).toEqual({ count: 1 });
    b.offer([n('a'), n('b')], ALL, 'America/New_York', T + 1000);
    b.offer([n('c'), n('d')], ALL, 'America/New_York', T + 60_000);
    expect(b.take(T + 60_000)).toBeNull();
    expect(b.nextAt()).toBe(T + OS_NOTICE_GAP_MS);
    expect(b.take(T + OS_NOTICE_GAP_MS - 1)).toBeNull();
    expect(b.take(T + OS_NOTICE_GAP_MS)).toEqual({ count: 3 });
    expect(b.take(T + 10 * OS_NOTICE_GAP_MS)).toBeNull();
    expect(b.nextAt()).toBeUndefined();
  });

  it('never pops up for what the replica held before, what is read, or kinds turned off', () => {
    const b = new OsNoticeBatcher(['old']);
    b.offer([n('old'), n('read', 'assigned', '2026-03-09T14:00:00Z'), n('digest', 'digest')], { ...ALL, osKinds: ['assigned'] }, 'UTC', T);
    expect(b.take(T)).toBeNull();
  });

  it('quiet hours suppress the OS notification, read in the location time zone, across midnight', () => {
    const night = { ...ALL, quietStart: '22:00', quietEnd: '07:00' };
    // 23:30 in New York is 04:30 UTC the next day.
    expect(isQuiet(night, 'America/New_York', Date.parse('2026-03-10T03:30:00Z'))).toBe(true);
    expect(isQuiet(night, 'UTC', Date.parse('2026-03-10T03:30:00Z'))).toBe(true);
    expect(isQuiet(night, 'America/New_York', Date.parse('2026-03-09T15:00:00Z'))).toBe(false);
    // The first morning after the spring change: 06:59 EDT is quiet, 07:00 EDT (11:00 UTC) is not.
    expect(isQuiet(night, 'America/New_York', Date.parse('2026-03-09T10:59:00Z'))).toBe(true);
    expect(isQuiet(night, 'America/New_York', Date.parse('2026-03-09T11:00:00Z'))).toBe(false);
    const lunch = { ...ALL, quietStart: '12:00', quietEnd: '13:00' };
    expect(isQuiet(lunch, 'Europe/Berlin', Date.parse('2026-07-01T10:30:00Z'))).toBe(true);
    expect(isQuiet(lunch, 'Europe/Berlin', Date.parse('2026-07-01T11:00:00Z'))).toBe(false);

    const b = new OsNoticeBatcher();
    b.offer([n('q')], night, 'America/New_York', Date.parse('2026-03-10T03:30:00Z'));
    expect(b.take(Date.parse('2026-03-10T03:30:00Z'))).toBeNull();
    // It stays suppressed after the quiet hours end (the list still has it).
    b.offer([n('q')], night, 'America/New_York', Date.parse('2026-03-10T12:00:00Z'));
    expect(b.take(Date.parse('2026-03-10T12:00:00Z'))).toBeNull();
  });

  it('what it hands on is a count and nothing else: the IPC schema refuses anything more', () => {
    const b = new OsNoticeBatcher();
    b.offer([{ ...n('a'), title: 'Jane Roe MRN 100234' } as Arrival], ALL, 'UTC', T);
    const notice = b.take(T)!;
    expect(Object.keys(notice)).toEqual(['count']);
    expect(InboxNotice.parse(notice)).toEqual({ count: 1 });
    expect(() => InboxNotice.parse({ count: 1, title: 'Jane Roe' })).toThrow();
  });
});
