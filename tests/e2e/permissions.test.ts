// The board hides what the policy refuses: a clinician reviewing another team's task gets the
// review actions only and read-only details; the admin sees no task and files none; a billing
// user edits the details of their own queue's task.
import { describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../support/api';
import { AdminPage } from './pages/AdminPage';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();
const signedIn = (username: string) => e2e.signedIn(username);

describe('the board follows the role policy', () => {
  it('a clinician reviewing the billing team’s task may only review it', async () => {
    // A demo task waiting for sign-off in the billing queue (a coding clarification).
    const manager = await apiSignIn(e2e.server.url, 'manager', 'ws-perm-check');
    const task = (await manager.pullAll('tasks', 500)).documents.find((d) => d.queue === 'billing' && d.status === 'needs_review');
    expect(task).toBeDefined();
    const { ws, board } = await signedIn('clinician');
    // The board fits the role: sign-off first, only the clinician's own queue as a tab.
    expect((await board.columnStatuses()).slice(0, 2)).toEqual(['needs_review', 'in_review']);
    expect((await board.viewTabIds()).filter((id) => id.startsWith('queue:'))).toEqual(['queue:clinician']);
    await board.openView('approval');
    const drawer = await board.openTask(task.title);
    await drawer.action('approve').waitFor();
    const actions = (await drawer.actionLabels()).sort();
    expect(actions).toEqual(['Approve', 'Reject', 'Send back for info', 'Start review']);
    await drawer.readOnlyNote().waitFor();
    expect(await drawer.field('title').isDisabled()).toBe(true);
    expect(await drawer.assignToMeButton().count()).toBe(0);
    expect(await drawer.noteInput().count()).toBe(0);
    expect(ws.errors).toEqual([]);
  });

  it('the admin lands on the practice configuration, sees no task and files none', async () => {
    const { ws, board } = await signedIn('admin');
    const admin = new AdminPage(ws.page);
    await admin.landed().waitFor();
    // No way to a board they would find empty, not even by its address.
    expect(await admin.backToBoardLink().count()).toBe(0);
    await admin.openBoardByAddress();
    await admin.landed().waitFor();
    expect(await board.cards().count()).toBe(0);
    expect(await board.newTaskButton().count()).toBe(0);
    await board.press('n');
    expect(await board.intake.root().count()).toBe(0);
  });

  it('a billing user edits the details of their own queue’s task and sees no other queue', async () => {
    const { board } = await signedIn('billing');
    await board.cards().first().waitFor();
    const tabs = await board.viewTabIds();
    expect(tabs.filter((id) => id.startsWith('queue:'))).toEqual(['queue:billing']);
    expect(tabs).not.toContain('approval');
    expect((await board.columnStatuses())[0]).toBe('new');
    const titles = await board.cardTitles();
    const manager = await apiSignIn(e2e.server.url, 'manager', 'ws-perm-check-2');
    const all = (await manager.pullAll('tasks', 500)).documents;
    const byTitle = (title: string) => all.filter((d) => d.title === title);
    expect(titles.every((t) => byTitle(t).some((d) => d.queue === 'billing' || d.ownerId === 'u-billing'))).toBe(true);
    const drawer = await board.openTask(titles[0]);
    expect(await drawer.field('title').isDisabled()).toBe(false);
    expect(await drawer.readOnlyNote().count()).toBe(0);
  });
});
