import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../shared/task';
import { buildPracticeConfig } from '../../../shared/config/practice';
import { demoConfigDocs } from '../../../shared/config/demo';
import { actionLabel, actorNames, formatValue, supersededLine, workstationLabel } from './history-format';

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
  it('names the author of a superseded value and its workstation, never by its id', () => {
    const names = actorNames(history);
    const lost = history[1].superseded![0];
    expect(supersededLine(lost, names, 'u-rob', config)).toBe('Title “C” by Dana Front (another workstation) was superseded');
    expect(supersededLine({ ...lost, byWorkstationName: 'Front desk 2' }, names, 'u-rob', config)).toBe(
      'Title “C” by Dana Front (Front desk 2) was superseded',
    );
    expect(supersededLine(lost, names, 'u-dana', config, 'abcdef123456')).toBe('Title “C” by you (this workstation) was superseded');
  });

  it('says where a change was made by the name an admin gave the workstation, else what it is', () => {
    expect(workstationLabel('ws-1', 'Front desk 2', 'ws-9')).toBe('Front desk 2');
    expect(workstationLabel('ws-9', 'Exam room 1', 'ws-9')).toBe('this workstation (Exam room 1)');
    expect(workstationLabel('ws-9', undefined, 'ws-9')).toBe('this workstation');
    // Unenrolled: its id is only its own claim, and an id says nothing to a person.
    expect(workstationLabel('3f2a9c71-unenrolled', undefined, 'ws-9')).toBe('another workstation');
    expect(workstationLabel('server', undefined, 'ws-9')).toBe('automatically');
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
