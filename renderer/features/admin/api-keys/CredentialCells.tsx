// A credential's status and its rotate and revoke controls (an API key, an inbound source's
// secret): two cells of its row, each act confirmed first.
import { Button, Chip, TableCell } from '@mui/material';
import { useState } from 'react';
import { ConfirmDialog } from '../common/ConfirmDialog';

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

interface Credential {
  name: string;
  rotatedAt: string | null;
  revokedAt: string | null;
}

interface Props {
  credential: Credential;
  /** "API key", "inbound source": the buttons' accessible names and the dialogs' test ids. */
  noun: string;
  testId: string;
  rotateTitle: string;
  rotateText: string;
  revokeTitle: string;
  revokeText: string;
  onRotate(): Promise<void>;
  onRevoke(): Promise<void>;
}

/** Dialog test ids: `confirm-rotate-<testId>-dialog`, `confirm-revoke-<testId>-dialog`. */
export function CredentialCells({
  credential: c,
  noun,
  testId,
  rotateTitle,
  rotateText,
  revokeTitle,
  revokeText,
  onRotate,
  onRevoke,
}: Props) {
  const [acting, setActing] = useState<'rotate' | 'revoke' | null>(null);
  const close = () => setActing(null);
  return (
    <>
      <TableCell>
        {c.revokedAt ? (
          <Chip size="small" color="error" label={`Revoked ${when(c.revokedAt)}`} />
        ) : (
          <Chip size="small" label={c.rotatedAt ? `Rotated ${when(c.rotatedAt)}` : 'Active'} variant="outlined" />
        )}
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {!c.revokedAt && (
          <>
            <Button size="small" onClick={() => setActing('rotate')} aria-label={`Rotate ${noun} ${c.name}`}>
              Rotate…
            </Button>
            <Button size="small" color="error" onClick={() => setActing('revoke')} aria-label={`Revoke ${noun} ${c.name}`}>
              Revoke…
            </Button>
          </>
        )}
        {acting === 'rotate' && (
          <ConfirmDialog
            title={rotateTitle}
            text={rotateText}
            confirmLabel="Rotate"
            testId={`confirm-rotate-${testId}-dialog`}
            onConfirm={onRotate}
            onClose={close}
          />
        )}
        {acting === 'revoke' && (
          <ConfirmDialog
            title={revokeTitle}
            text={revokeText}
            confirmLabel="Revoke"
            danger
            testId={`confirm-revoke-${testId}-dialog`}
            onConfirm={onRevoke}
            onClose={close}
          />
        )}
      </TableCell>
    </>
  );
}
