// Changes the server refused: shown until the user dismisses them, with the values they tried.
import { Alert, Button, Stack, Typography } from '@mui/material';
import type { Rejection } from '../../../shared/rejection';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { openRejections$ } from '../board';
import { dismissRejection } from '../../db/tasks';
import { useObservable } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { FIELD_LABELS, fieldLabel, formatValue } from '../task';

const SHOWN = 5;

export function RejectionList() {
  const { workspace } = useWorkspace();
  const rejections = useObservable(() => openRejections$(workspace.db), [] as Rejection[], [workspace]);
  if (rejections.length === 0) return null;
  return (
    <Stack spacing={1} sx={{ px: 2, pt: 1.5 }} data-testid="rejections">
      {rejections.slice(0, SHOWN).map((r) => (
        <RejectionAlert key={r.id} rejection={r} />
      ))}
      {rejections.length > SHOWN && (
        <Typography variant="caption" color="text.secondary">
          {rejections.length - SHOWN} more refused changes
        </Typography>
      )}
    </Stack>
  );
}

function RejectionAlert({ rejection }: { rejection: Rejection }) {
  const { workspace, user } = useWorkspace();
  const config = usePracticeConfig();
  // The fields a user edits, with a value: enough to re-enter the change, without bookkeeping noise.
  const attempted = Object.entries(rejection.attempted).filter(
    ([field, value]) => field in FIELD_LABELS && field !== 'locationId' && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
  // Fields whose tried values the server did not keep (too large for a notice).
  const omitted = rejection.attempted._omitted;
  const notKept = Array.isArray(omitted) ? omitted.filter((f): f is string => typeof f === 'string' && f in FIELD_LABELS) : [];
  return (
    <Alert
      severity="error"
      variant="outlined"
      sx={{ bgcolor: 'background.paper' }}
      data-testid="rejection"
      action={
        <Button color="inherit" onClick={() => void dismissRejection(workspace.db, rejection.id)} data-testid="rejection-dismiss">
          Dismiss
        </Button>
      }
    >
      <Typography variant="body2">
        Your change to <strong>{rejection.docTitle || 'a task'}</strong> was refused: {rejection.message}
      </Typography>
      {attempted.length > 0 && (
        <Typography variant="caption" component="div" sx={{ mt: 0.25 }} data-testid="rejection-attempted">
          You tried: {attempted.map(([field, value]) => `${fieldLabel(field)}: ${formatValue(field, value, user.id, config)}`).join(' · ')}
        </Typography>
      )}
      {notKept.length > 0 && (
        <Typography variant="caption" component="div" sx={{ mt: 0.25 }} data-testid="rejection-not-kept">
          Too large to keep: {notKept.map(fieldLabel).join(', ')}
        </Typography>
      )}
    </Alert>
  );
}
