// A patient's request, end to end: on a phone, the patient sends a medication refill with a PDF from
// the practice's request page and keeps the status link; the front desk sees it in triage, reads the
// PDF in the task panel's viewer, starts it and sets it waiting on the patient with a question; the
// patient's status link says "Waiting on you" and shows the question; the patient answers, and the
// answer appears on the task for the front desk.
import { describe, expect, it } from 'vitest';
import { AdminPage } from './pages/AdminPage';
import { AttachmentsSection } from './pages/AttachmentsSection';
import { RequestPage } from './pages/RequestPage';
import { seriousViolations } from './support/axe';
import { tinyPdf } from './support/tiny-pdf';
import { useE2eHarness } from './support/harness';

// The minimum fill time is the server test's (patient-requests.test.ts); here the browser types at machine speed.
const e2e = useE2eHarness({ env: { BATON_REQUEST_MIN_FILL_SECONDS: '0' } });
const poll = { timeout: 20_000, interval: 200 };
const LETTER = 'Pharmacy refill request: lisinopril 10 mg, 90 days';
const PDF = tinyPdf([LETTER]);

describe('a patient request from the request page', () => {
  it(
    'a refill with a PDF reaches triage; sent back with a question, the patient answers through the status link',
    { timeout: 180_000 },
    async () => {
      const patient = await RequestPage.onPhone(e2e.browser);
      await patient.open(e2e.server.url, 'loc-main');
      expect(await patient.types()).toEqual(['Medication refill', 'Medical records request', 'Change an appointment', 'Billing question']);
      await patient.chooseType('Medication refill');
      await patient.fill('Your full name', 'Rosa Tran');
      await patient.fill('Date of birth', '1961-03-14');
      await patient.fill('Medication and dose', 'Lisinopril 10 mg');
      await patient.fill('Phone number or e-mail address', '555-201-0142');
      await patient.fill('What do you need?', 'Three days of tablets left. Please send a refill.');
      await patient.attach('pharmacy-letter.pdf', 'application/pdf', PDF);
      expect(await patient.scrollsSideways()).toBe(false);
      await patient.send();
      const statusLink = await patient.statusLink();
      expect(statusLink).toMatch(/\/request\/status\/[A-Za-z0-9_-]{43}$/);

      const frontDesk = await e2e.signedIn('frontdesk');
      await frontDesk.board.openView('triage');
      await frontDesk.board.waitForCard('Medication refill', 20_000);
      expect(await frontDesk.board.inColumn('new', 'Medication refill').count()).toBe(1);
      const drawer = await frontDesk.board.openTask('Medication refill');
      // The patient's document is on the task, and the front desk reads it in the viewer.
      const documents = new AttachmentsSection(frontDesk.ws.page);
      await documents.waitListed('pharmacy-letter.pdf');
      const viewer = await documents.open('pharmacy-letter.pdf');
      await viewer.waitPageDrawn();
      expect(await viewer.pageText()).toContain(LETTER);
      await viewer.closeWithEscape();
      await drawer.move('start', 'In progress', { category: 'Patient message' });
      const question = 'Which pharmacy should we send it to?';
      await drawer.move('wait', 'Waiting', { waitingOn: 'Patient', reasonCode: 'Missing information', reasonNote: question });

      await patient.openStatus(statusLink);
      await expect.poll(() => patient.status(), poll).toBe('Waiting on you');
      expect(await patient.question()).toBe(question);
      expect(await seriousViolations(patient.page)).toEqual([]);
      await patient.answer('Elm Street Pharmacy, Springfield');
      expect(await patient.status()).toBe('Being worked on');

      await drawer.notes().filter({ hasText: 'Elm Street Pharmacy, Springfield' }).waitFor(poll);
      expect(await drawer.notes().filter({ hasText: 'Elm Street Pharmacy, Springfield' }).textContent()).toContain(
        'Patient (via request page)',
      );
      await drawer.statusShown('In progress').waitFor(poll);
      expect(frontDesk.ws.errors).toEqual([]);
      await patient.close();
    },
  );

  it('a request type an admin adds in the configuration is offered on the page, with its field', { timeout: 120_000 }, async () => {
    const admin = await e2e.signedIn('admin');
    const label = `Referral paperwork ${Math.random().toString(36).slice(2, 6)}`;
    await new AdminPage(admin.ws.page).addRequestType({ label, taskType: 'Records request', field: 'Specialist’s name' });
    const patient = await RequestPage.onPhone(e2e.browser);
    // Saved on the admin's workstation first, then replicated to the server that serves the page.
    await expect
      .poll(async () => {
        await patient.open(e2e.server.url, 'loc-main');
        return patient.types();
      }, poll)
      .toContain(label);
    await patient.chooseType(label);
    expect(await patient.field('Specialist’s name (optional)').count()).toBe(1);
    expect(await patient.field('Date of birth').count()).toBe(1);
    expect(admin.ws.errors).toEqual([]);
    await patient.close();
  });
});
