import { describe, expect, it } from 'vitest';
import { formatDue } from './labels';

describe('a due date on a card', () => {
  // 2026-03-08: New York moves its clocks forward (EST to EDT) at 2:00.
  const now = new Date('2026-03-08T16:00:00Z');

  it('shows the time when it falls on the workstation’s today, in its time zone', () => {
    expect(formatDue('2026-03-08T20:30:00Z', now, 'America/New_York')).toMatch(/^Today 4:30\sp\.m\.$/);
    // 23:30 in New York (EDT, after the change) is still today there, tomorrow already in Berlin.
    expect(formatDue('2026-03-09T03:30:00Z', now, 'America/New_York')).toMatch(/^Today 11:30\sp\.m\.$/);
    expect(formatDue('2026-03-09T03:30:00Z', now, 'Europe/Berlin')).toBe('Mar 9');
    // Before the change, earlier the same local day: 1:30 EST.
    expect(formatDue('2026-03-08T06:30:00Z', now, 'America/New_York')).toMatch(/^Today 1:30\sa\.m\.$/);
  });

  it('shows the day otherwise, and a dash for a date it cannot read', () => {
    expect(formatDue('2026-03-07T16:00:00Z', now, 'America/New_York')).toBe('Mar 7');
    expect(formatDue('2026-03-10T16:00:00Z', now, 'Asia/Tokyo')).toBe('Mar 11');
    expect(formatDue('not a date', now, 'UTC')).toBe('—');
  });

  it('judges "today" by the workstation’s clock: one a day ahead shows today’s work as a date', () => {
    const aDayAhead = new Date('2026-03-09T16:00:00Z');
    expect(formatDue('2026-03-08T20:30:00Z', aDayAhead, 'America/New_York')).toBe('Mar 8');
    expect(formatDue('2026-03-09T20:30:00Z', aDayAhead, 'America/New_York')).toMatch(/^Today 4:30\sp\.m\.$/);
  });
});
