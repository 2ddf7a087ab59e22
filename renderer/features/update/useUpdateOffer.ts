// Tells the desktop host this window's state as it matters to an update (a dialog open, changes
// waiting to upload, the server refusing this release) and follows the update status main sends
// back. The web host has no updates: nothing runs there.
import { useEffect, useState } from 'react';
import type { BatonHost } from '../../../shared/host';
import { NO_UPDATE, type UpdateStatus } from '../../../shared/ipc/schemas';

/** An open dialog, drawer, menu or popover (MUI portals): a restart now would lose what it holds. */
function isDialogOpen(doc: Pick<Document, 'querySelector'> = document): boolean {
  return doc.querySelector('.MuiModal-root:not(.MuiModal-hidden), [role="dialog"]') !== null;
}

/** Whether a dialog is open, kept current as the page changes. */
function useDialogOpen(): boolean {
  const [open, setOpen] = useState(() => isDialogOpen());
  useEffect(() => {
    const observer = new MutationObserver(() => setOpen(isDialogOpen()));
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'role'] });
    return () => observer.disconnect();
  }, []);
  return open;
}

export function useUpdateOffer(host: BatonHost, pendingUploads: number, updateRequired: boolean): UpdateStatus {
  const updates = host.updates;
  const dialogOpen = useDialogOpen();
  const [status, setStatus] = useState<UpdateStatus>(NO_UPDATE);

  useEffect(() => {
    if (!updates) return;
    let current = true;
    void updates.report({ dialogOpen, pendingUploads, updateRequired }).then(
      (s) => current && setStatus(s),
      () => undefined,
    );
    return () => void (current = false);
  }, [updates, dialogOpen, pendingUploads, updateRequired]);

  useEffect(() => {
    if (!updates) return;
    let alive = true;
    void (async () => {
      let known = NO_UPDATE;
      // Main answers each wait when the status changes (a release downloaded, another window's state).
      while (alive) {
        try {
          known = await updates.waitForChange(known);
        } catch {
          return;
        }
        if (alive) setStatus(known);
      }
    })();
    return () => void (alive = false);
  }, [updates]);

  return status;
}
