// Asks before deactivating (every session of the person ends) or activating an account.
import type { AdminUser } from '../../../../shared/wire';
import { ConfirmDialog } from '../common/ConfirmDialog';

export function ConfirmActiveDialog(props: { person: AdminUser; onConfirm(): Promise<void>; onClose(): void }) {
  const { person, onConfirm, onClose } = props;
  const deactivate = person.active;
  // A refusal shows in the server's words, e.g. "You cannot deactivate your own account".
  return (
    <ConfirmDialog
      title={`${deactivate ? 'Deactivate' : 'Activate'} ${person.displayName}?`}
      text={
        deactivate
          ? 'They can no longer sign in, and every workstation where they are signed in is signed out within seconds. Their tasks stay as they are.'
          : 'They can sign in again with their password.'
      }
      confirmLabel={deactivate ? 'Deactivate' : 'Activate'}
      danger={deactivate}
      testId="confirm-active-dialog"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
