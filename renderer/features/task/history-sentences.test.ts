import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../../shared/config/demo';
import { buildPracticeConfig } from '../../../shared/config/practice';
import type { HistoryEntry } from '../../../shared/task';
import { entrySentences } from './history-sentences';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const entry = (changes: HistoryEntry['changes'], extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  rev: 5,
  at: '2026-11-23T10:00:00.000Z',
  actorId: 'u-dana',
  actorName: 'Dana Front',
  workstationId: 'ws-a',
  kind: 'updated',
  changes,
  ...extra,
});
const say = (e: HistoryEntry) => entrySentences(e, 'u-me', config);

describe('history as sentences', () => {
  it('says what a checklist change did, item by item', () => {
    const before = [
      { id: 'c1', label: 'Call patient', done: false },
      { id: 'c2', label: 'Fax the form', done: true },
      { id: 'c3', label: 'Old step', done: false },
    ];
    const after = [
      { id: 'c1', label: 'Call patient', done: true },
      { id: 'c2', label: 'Fax the form', done: false },
      { id: 'c4', label: 'Scan the card', done: false },
    ];
    expect(say(entry([{ field: 'checklist', from: before, to: after }]))).toEqual([
      'ticked “Call patient”',
      'unticked “Fax the form”',
      'added “Scan the card” to the checklist',
      'removed “Old step” from the checklist',
    ]);
  });

  it('says the action with its reason, and what it waits on', () => {
    const sentBack = entry(
      [
        { field: 'status', from: 'in_review', to: 'needs_info' },
        { field: 'reasonCode', from: '', to: 'need_clinical_notes' },
      ],
      { action: 'request_info' },
    );
    expect(say(sentBack)).toEqual(['sent it back: Clinical notes needed']);
    const waiting = entry(
      [
        { field: 'status', from: 'in_progress', to: 'waiting' },
        { field: 'waitingOn', from: '', to: 'patient' },
      ],
      { action: 'wait' },
    );
    expect(say(waiting)).toEqual(['set it waiting', 'waiting on the patient']);
    expect(say(entry([{ field: 'status', from: 'in_review', to: 'approved' }], { action: 'approve' }))).toEqual(['approved it']);
  });

  it('says who took or was given the task, and the other changes plainly', () => {
    expect(say(entry([{ field: 'ownerId', from: '', to: 'u-dana' }]))).toEqual(['took it']);
    expect(say(entry([{ field: 'ownerId', from: 'u-dana', to: 'u-me' }]))).toEqual(['assigned it to Me']);
    expect(say(entry([{ field: 'ownerId', from: 'u-dana', to: '' }]))).toEqual(['unassigned it']);
    expect(say(entry([{ field: 'priority', from: 'normal', to: 'urgent' }]))).toEqual(['set the priority to Urgent']);
    expect(say(entry([{ field: 'notes', from: [], to: [{ id: 'n1' }] }]))).toEqual(['added a note']);
    expect(say(entry([{ field: 'description', from: 'a', to: 'b' }]))).toEqual(['edited the description']);
    expect(say(entry([], { kind: 'created' }))).toEqual(['filed the task']);
    expect(say(entry([]))).toEqual(['updated it']);
  });

  it('says which documents were attached, by name', () => {
    const doc = (id: string, name: string) => ({
      id,
      name,
      contentType: 'application/pdf',
      size: 10,
      addedAt: '2026-11-23T10:00:00.000Z',
      addedBy: 'u-dana',
    });
    const letter = doc('a1', 'referral letter.pdf');
    expect(say(entry([{ field: 'attachments', from: [], to: [letter] }]))).toEqual(['attached “referral letter.pdf”']);
    expect(say(entry([{ field: 'attachments', from: [letter], to: [letter, doc('a2', 'card.png'), doc('a3', 'fax.pdf')] }]))).toEqual([
      'attached 2 documents: “card.png”, “fax.pdf”',
    ]);
  });
});
