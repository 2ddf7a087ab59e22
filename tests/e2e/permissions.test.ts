// The board hides what the policy refuses: a clinician reviewing another team's task gets the
// review actions only and read-only details; the admin sees no task and files none; a billing
// user edits the details of their own queue's task.
import { describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../support/api';
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
    await board.openView('approval');
    const drawer = await board.openTask(task.title);
    const root = drawer.root();
    await root.getByTestId('action-approve').waitFor();
    const actions = (await root.getByTestId('task-actions').getByRole('button').allTextContents()).sort();
    expect(actions).toEqual(['Approve', 'Reject', 'Send back for info', 'Start review']);
    await root.getByTestId('details-read-only').waitFor();
    expect(await root.getByTestId('field-title').isDisabled()).toBe(true);
    expect(await root.getByTestId('assign-to-me').count()).toBe(0);
    expect(await root.getByTestId('note-input').count()).toBe(0);
    expect(ws.errors).toEqual([]);
  });

  it('the admin sees no task and files none', async () => {
    const { ws, board } = await signedIn('admin');
    await ws.page.getByTestId('no-task-access').waitFor();
    expect(await ws.page.getByTestId('task-card').count()).toBe(0);
    expect(await ws.page.getByTestId('new-task').count()).toBe(0);
    await ws.page.keyboard.press('n');
    expect(await board.intake.root().count()).toBe(0);
  });

  it('a billing user edits the details of their own queue’s task and sees no other queue', async () => {
    const { ws, board } = await signedIn('billing');
    const cards = ws.page.getByTestId('task-card');
    await cards.first().waitFor();
    const titles = await cards.getByTestId('task-title').allTextContents();
    const manager = await apiSignIn(e2e.server.url, 'manager', 'ws-perm-check-2');
    const all = (await manager.pullAll('tasks', 500)).documents;
    const byTitle = (title: string) => all.filter((d) => d.title === title);
    expect(titles.every((t) => byTitle(t).some((d) => d.queue === 'billing' || d.ownerId === 'u-billing'))).toBe(true);
    const drawer = await board.openTask(titles[0]);
    expect(await drawer.root().getByTestId('field-title').isDisabled()).toBe(false);
    expect(await drawer.root().getByTestId('details-read-only').count()).toBe(0);
  });
});
