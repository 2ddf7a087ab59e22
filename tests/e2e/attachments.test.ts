// Documents on a task, end to end against a real server: the front desk attaches a PDF to their
// task, reads it page by page (pdf.js draws it and lays its text over it), zooms, saves it; offline,
// the copy kept (sealed) on the workstation opens, and the view is on the server's record once the
// connection is back; a document of the team's queue (not theirs) says
// when it will be there, and the kept copy goes once the task is handed on. A reviewer reads the
// document (in the task panel and the approval window) but may not attach; a role that may not read
// the task has no way to it.
import { describe, expect, it } from 'vitest';
import { request, signIn as apiSignIn } from '../support/api';
import { clearReviewQueue, seedForReview, serverTasks } from './pages/ApprovalApi';
import { ApprovalPage } from './pages/ApprovalPage';
import { attachFile, changeTask, fileTask, offlineViewsOnRecord } from './pages/AttachmentsApi';
import { AttachmentsSection } from './pages/AttachmentsSection';
import { useE2eHarness } from './support/harness';
import { tinyPdf } from './support/tiny-pdf';
import { tinyPng } from './support/tiny-png';

const e2e = useE2eHarness();
const poll = { timeout: 20_000, interval: 200 };
const tag = () => Math.random().toString(36).slice(2, 8);

describe('attachments', () => {
  it(
    'the front desk attaches a PDF, reads its pages, zooms and saves it; offline the kept copy opens until the task is handed on',
    { timeout: 180_000 },
    async () => {
      const frontdeskApi = await apiSignIn(e2e.server.url, 'frontdesk', 'ws-attach-seed');
      const mine = await fileTask(frontdeskApi, `Referral packet ${tag()}`, frontdeskApi.userId);
      const teams = await fileTask(frontdeskApi, `Insurance card ${tag()}`, '');
      const card = tinyPdf(['Insurance card front']);
      expect(
        (await attachFile(e2e.server.url, frontdeskApi, teams.id, { name: 'card.pdf', type: 'application/pdf', bytes: card })).status,
      ).toBe(201);

      const { ws, board } = await e2e.signedIn('frontdesk');
      await board.waitForCard(mine.title);
      await board.openTask(mine.title);
      const docs = new AttachmentsSection(ws.page);
      const letter = tinyPdf(['Referral letter for Baton', 'Second page: insurance details']);
      await docs.attach('referral-letter.pdf', 'application/pdf', letter);
      await docs.waitListed('referral-letter.pdf');
      expect(await docs.details('referral-letter.pdf')).toMatch(/^PDF · \d+ bytes · added .+ by Maria Lopez \(me\)$/);

      const viewer = await docs.open('referral-letter.pdf');
      await viewer.waitPageDrawn();
      expect(await viewer.pageText()).toContain('Referral letter for Baton');
      expect(await viewer.inkedPixels()).toBeGreaterThan(200);
      expect(await viewer.pageLabel()).toBe('Page 1 of 2');
      await viewer.press('PageDown');
      await expect.poll(() => viewer.pageLabel(), poll).toBe('Page 2 of 2');
      await viewer.waitPageDrawn();
      expect(await viewer.pageText()).toContain('Second page: insurance details');
      await viewer.zoomIn();
      expect(await viewer.zoomLabel()).toBe('125%');
      // The board's shortcuts stay behind the viewer: j (next task) does not take the document away.
      await viewer.press('j');
      expect(await viewer.root().isVisible()).toBe(true);
      expect(await board.drawer.root().getAttribute('data-task-id')).toBe(mine.id);
      await viewer.waitPageDrawn();
      const saved = await viewer.download();
      expect(saved.name).toBe('referral-letter.pdf');
      expect(saved.bytes.equals(letter)).toBe(true);
      await viewer.closeWithEscape();
      await board.drawer.waitOpen();
      // Kept for offline use (the person's own task), sealed: its words cannot be read in the browser's storage.
      expect(await docs.keptOnWorkstation(frontdeskApi.userId, 'Referral letter')).toEqual([{ taskId: mine.id, readable: false }]);

      // A file that is not a document a task may hold is refused, and the panel says why.
      await docs.attach('notes.txt', 'text/plain', Buffer.from('call back Tuesday'));
      expect(await docs.refusal()).toBe('"notes.txt" is not a PDF or an image (PNG, JPEG, GIF, WebP, TIFF)');

      // An image shows inline, at its size, and zooms.
      await docs.attach('insurance-card.png', 'image/png', tinyPng(320, 200, [20, 90, 160]));
      await docs.waitListed('insurance-card.png');
      expect(await docs.details('insurance-card.png')).toMatch(/^PNG image · /);
      const photo = await docs.open('insurance-card.png');
      expect(await photo.image()).toEqual({ name: 'insurance-card.png', width: 320, height: 200 });
      await photo.zoomIn();
      await expect.poll(() => photo.image(), poll).toEqual({ name: 'insurance-card.png', width: 400, height: 250 });
      await photo.closeWithEscape();

      // The team's document, read once online: not the person's own work, so not kept.
      await board.openTask(teams.title);
      await (await docs.open('card.pdf')).waitPageDrawn();
      expect(await docs.viewer.pageText()).toContain('Insurance card front');
      await docs.viewer.closeWithEscape();

      const wentOffline = new Date().toISOString();
      await ws.context.setOffline(true);
      await expect.poll(() => board.offlineBanner(), poll).toContain('Offline');
      expect(await (await docs.open('card.pdf')).message()).toBe('This document is available when the connection is back.');
      await docs.viewer.closeWithEscape();
      await board.openTask(mine.title);
      const kept = await docs.open('referral-letter.pdf');
      await kept.waitPageDrawn();
      expect(await kept.showsKeptCopy()).toBe(true);
      expect(await kept.pageText()).toContain('Referral letter for Baton');
      await kept.closeWithEscape();
      const viewedBy = new Date().toISOString();

      // Back online, the view of the kept copy is sent to the server's audit record: by ids and times, once.
      await ws.context.setOffline(false);
      await expect.poll(() => board.offlineBanner(), poll).toBe('');
      await expect.poll(async () => (await offlineViewsOnRecord(e2e.server.url, mine.id, wentOffline)).length, poll).toBe(1);
      const [onRecord] = await offlineViewsOnRecord(e2e.server.url, mine.id, wentOffline);
      const letterId = (await serverTasks(frontdeskApi)).get(mine.id)?.attachments.find((a) => a.name === 'referral-letter.pdf')?.id;
      expect(onRecord).toMatchObject({ actorId: frontdeskApi.userId, attachmentId: letterId });
      expect(onRecord.viewedAt >= wentOffline && onRecord.viewedAt <= viewedBy).toBe(true);
      expect(onRecord.line).not.toContain('referral-letter');

      // The task is handed to someone else: the kept copy goes from the workstation.
      await changeTask(frontdeskApi, mine.id, { ownerId: 'u-referrals' });
      await expect.poll(() => docs.keptOnWorkstation(frontdeskApi.userId, 'Referral letter'), poll).toEqual([]);
      expect(ws.errors).toEqual([]);
    },
  );

  it(
    'a reviewer reads the document but is not offered to attach; a role that may not read the task has no way to it',
    { timeout: 180_000 },
    async () => {
      const referralsApi = await apiSignIn(e2e.server.url, 'referrals', 'ws-attach-review');
      const title = `Referral to cardiology ${tag()}`;
      // This test's task is the only one waiting for review: the approval window shows it first.
      await clearReviewQueue(await apiSignIn(e2e.server.url, 'manager', 'ws-attach-manager'));
      const [taskId] = await seedForReview(referralsApi, [{ title, priority: 'high' }]);
      const added = await attachFile(e2e.server.url, referralsApi, taskId, {
        name: 'echo-report.pdf',
        type: 'application/pdf',
        bytes: tinyPdf(['Echocardiogram report']),
      });
      expect(added.status).toBe(201);

      const { ws, board } = await e2e.signedIn('clinician');
      await board.waitForCard(title);
      await board.openTask(title);
      const docs = new AttachmentsSection(ws.page);
      await docs.waitListed('echo-report.pdf');
      expect(await docs.offersAttach()).toBe(false);
      const views = docs.countViews();
      await (await docs.open('echo-report.pdf')).waitPageDrawn();
      expect(await docs.viewer.pageText()).toContain('Echocardiogram report');
      // The task changes while the document is open: it is not read (and audited) again.
      await changeTask(referralsApi, taskId, { title: `${title} (urgent)` });
      await expect.poll(() => board.drawer.title().textContent(), poll).toBe(`${title} (urgent)`);
      expect(await docs.viewer.pageText()).toContain('Echocardiogram report');
      expect(views()).toBe(1);
      await docs.viewer.closeWithEscape();

      // In the approval window too, beside the decision; its keys stay with the viewer (a: approve).
      const approval = new ApprovalPage(ws.page);
      await approval.open();
      await expect.poll(() => approval.currentTitle(), poll).toBe(`${title} (urgent)`);
      await (await docs.open('echo-report.pdf')).waitPageDrawn();
      await docs.viewer.press('a');
      await docs.viewer.closeWithEscape();
      expect(await approval.currentTitle()).toBe(`${title} (urgent)`);
      expect(await approval.count()).toBe(1);

      // Billing reads neither the referrals queue nor this task: the server answers as if it did not exist.
      const billing = await apiSignIn(e2e.server.url, 'billing', 'ws-attach-billing');
      const attachmentId = added.body.attachments![0].id;
      const read = await request(
        e2e.server.url,
        'GET',
        `/api/tasks/${taskId}/attachments/${attachmentId}?purpose=view`,
        undefined,
        billing.token,
      );
      expect(read.status).toBe(404);
      expect(read.text).not.toContain('Echocardiogram');
    },
  );
});
