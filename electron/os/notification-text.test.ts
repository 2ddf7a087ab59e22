import { describe, expect, it } from 'vitest';
import { inboxNotificationText, notificationText, queueLabel } from './notification-text';

describe('notification text', () => {
  it('says a count and a queue, nothing more', () => {
    expect(notificationText({ count: 3, queue: 'clinician' })).toEqual({ title: 'Baton', body: '3 items waiting in Clinician sign-off' });
    expect(notificationText({ count: 1, queue: 'Billing' })).toEqual({ title: 'Baton', body: '1 item waiting in Billing' });
  });

  it('refuses any other field', () => {
    expect(() => notificationText({ count: 1, queue: 'billing', patientRef: 'MRN 100234 J.D.' })).toThrow(/patientRef/);
    expect(() => notificationText({ count: 1, queue: 'billing', title: 'Chest pain follow-up' })).toThrow(/title/);
    expect(() => notificationText({ count: 0, queue: 'billing' })).toThrow();
    expect(() => notificationText('3 new for Jane Doe')).toThrow();
  });

  it('replaces a queue name that could carry PHI', () => {
    for (const queue of ['MRN 100234', 'Jane Doe J.D.', 'follow-up 03/14/1961', 'Doe, Jane <script>', 'x'.repeat(60)]) {
      const text = notificationText({ count: 2, queue: queue.slice(0, 64) });
      expect(text.body).toBe('2 items waiting in your queue');
    }
    expect(queueLabel('Eye clinic')).toBe('Eye clinic');
  });
});

describe('inbox notification text', () => {
  it('says a count of new items and refuses anything else', () => {
    expect(inboxNotificationText({ count: 3 })).toEqual({ title: 'Baton', body: '3 new items in Baton' });
    expect(inboxNotificationText({ count: 1 })).toEqual({ title: 'Baton', body: '1 new item in Baton' });
    expect(() => inboxNotificationText({ count: 1, taskId: 't1' })).toThrow(/taskId/);
    expect(() => inboxNotificationText({ count: 1, title: 'Chest pain follow-up' })).toThrow(/title/);
    expect(() => inboxNotificationText({ count: 0 })).toThrow();
  });
});
