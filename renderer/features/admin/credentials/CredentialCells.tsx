// A credential's status and its rotate and revoke (or disable) controls (an API key, an inbound
// source's secret, a webhook's): the last two cells of its row, each act confirmed first.
import { Button, Chip, TableCell } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../common/ConfirmDialog';

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** The headers of the cells below, after a list's own (ServerListCard's `headers`). */
export const CREDENTIAL_HEADERS = ['Status', ''];

/** How a credential is ended: revoked for good, or disabled (a webhook, whose log stays). */
const ENDINGS = {
  revoke: { verb: 'Revoke', past: 'Revoked' },
  disable: { verb: 'Disable', past: 'Disabled' },
} as const;

interface Credential {
  name: string;
  rotatedAt: string | null;
}

interface Props {
  credential: Credential;
  /** When it was revoked or disabled; null while it works. */
  endedAt: string | null;
  ending?: keyof typeof ENDINGS;
  /** "API key", "inbound source": the buttons' accessible names (`Revoke <noun> <name>`). */
  noun: string;
  testId: string;
  /** The rotate button's accessible name when not `Rotate <noun> <name>`. */
  rotateLabel?: string;
  rotateTitle: string;
  rotateText: string;
  endTitle: string;
  endText: string;
  onRotate(): Promise<void>;
  onEnd(): Promise<void>;
  /** Buttons before Rotate, shown even once it has ended (a webhook's "Deliveries"). */
  actions?: ReactNode;
}

/** Dialog test ids: `confirm-rotate-<testId>-dialog`, `confirm-<revoke|disable>-<testId>-dialog`. */
export function CredentialCells({
  credential: c,
  endedAt,
  ending = 'revoke',
  noun,
  testId,
  rotateLabel = `Rotate ${noun} ${c.name}`,
  rotateTitle,
  rotateText,
  endTitle,
  endText,
  onRotate,
  onEnd,
  actions,
}: Props) {
  const [acting, setActing] = useState<'rotate' | 'end' | null>(null);
  const close = () => setActing(null);
  const { verb, past } = ENDINGS[ending];
  return (
    <>
      <TableCell>
        {endedAt ? (
          <Chip size="small" color="error" label={`${past} ${when(endedAt)}`} />
        ) : (
          <Chip size="small" label={c.rotatedAt ? `Rotated ${when(c.rotatedAt)}` : 'Active'} variant="outlined" />
        )}
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {actions}
        {!endedAt && (
          <>
            <Button size="small" onClick={() => setActing('rotate')} aria-label={rotateLabel}>
              Rotate…
            </Button>
            <Button size="small" color="error" onClick={() => setActing('end')} aria-label={`${verb} ${noun} ${c.name}`}>
              {verb}…
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
        {acting === 'end' && (
          <ConfirmDialog
            title={endTitle}
            text={endText}
            confirmLabel={verb}
            danger
            testId={`confirm-${ending}-${testId}-dialog`}
            onConfirm={onEnd}
            onClose={close}
          />
        )}
      </TableCell>
    </>
  );
}
