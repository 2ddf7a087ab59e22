import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../shared/task';
import { buildPracticeConfig } from '../../../shared/config/practice';
import { demoConfigDocs } from '../../../shared/config/demo';
import { actionLabel, actorNames, formatValue, supersededLine } from './history-format';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));

const history: HistoryEntry[] = [
  {
    rev: 1,
    at: '2026-11-23T10:00:00.000Z',
    actorId: 'u-dana',
    actorName: 'Dana Front',
    workstationId: 'ws-a',
    kind: 'created',
    changes: [],
  },
  {
    rev: 2,
    at: '2026-11-23T10:05:00.000Z',
    actorId: 'u-rob',
    actorName: 'Rob Referrals',
    workstationId: 'ws-b',
    kind: 'merged',
    changes: [{ field: 'title', from: 'A', to: 'B' }],
    superseded: [{ field: 'title', value: 'C', byActorId: 'u-dana', byWorkstationId: 'abcdef123456' }],
  },
];

describe('history lines', () => {
  it('names the author of a superseded value and its workstation', () => {
    const names = actorNames(history);
    expect(supersededLine(history[1].superseded![0], names, 'u-rob', config)).toBe(
      'Title “C” by Dana Front (workstation abcdef12) was superseded',
    );
    expect(supersededLine(history[1].superseded![0], names, 'u-dana', config)).toBe(
      'Title “C” by you (workstation abcdef12) was superseded',
    );
  });

  it('formats values by field', () => {
    expect(formatValue('status', 'in_progress', 'me', config)).toBe('In progress');
    expect(formatValue('ownerId', '', 'me', config)).toBe('Unassigned');
    expect(formatValue('ownerId', 'me', 'me', config)).toBe('Me');
    expect(formatValue('queue', 'front_desk', 'me', config)).toBe('Front desk');
    expect(formatValue('notes', [1, 2], 'me', config)).toBe('2 items');
    expect(formatValue('ownerId', 'u-referrals', 'me', config)).toBe('Priya Shah');
    expect(formatValue('reasonCode', 'duplicate', 'me', config)).toBe('Duplicate request');
    expect(formatValue('typeId', 'outbound_referral', 'me', config)).toBe('Outbound referral');
  });

  it('names the workflow action of an entry', () => {
    expect(actionLabel('send_to_review')).toBe('Send to review');
    expect(actionLabel(undefined)).toBeUndefined();
  });
});
