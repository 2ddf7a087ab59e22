// The person's own notification preferences: which kinds raise an OS notification, and quiet
// hours (the list always shows everything). Saved to their own replicated document.
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/notifications/schema';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { preferences$, savePreferences } from './notifications';
import { useObserved } from '../../ui/hooks/useObservable';

const KIND_LABELS: Record<NotificationKind, string> = {
  assigned: 'A task is assigned to me',
  returned: 'My task is reopened',
  decided: 'My task is approved or rejected',
  needs_info: 'Information is needed from me',
  reminder: 'SLA reminders and warnings',
  escalated: 'Escalations',
  digest: 'My daily digest',
};

export function NotificationPrefsDialog({ onClose }: { onClose: () => void }) {
  const { workspace, user } = useWorkspace();
  const { value: prefs, loading } = useObserved(() => preferences$(workspace.db, user.id), null, [workspace, user.id]);
  const [kinds, setKinds] = useState<NotificationKind[]>([]);
  const [quietStart, setQuietStart] = useState('');
  const [quietEnd, setQuietEnd] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (!prefs) return;
    setKinds(prefs.osKinds);
    setQuietStart(prefs.quietStart);
    setQuietEnd(prefs.quietEnd);
  }, [prefs]);

  const save = async () => {
    try {
      await savePreferences(workspace.db, user.id, { osKinds: kinds, quietStart, quietEnd });
      onClose();
    } catch (e) {
      const issues = (e as { issues?: { message: string }[] }).issues;
      setError(issues?.map((i) => i.message).join('; ') || (e as Error).message);
    }
  };
  const toggle = (kind: NotificationKind) => setKinds((k) => (k.includes(kind) ? k.filter((x) => x !== kind) : [...k, kind]));

  return (
    <Dialog open onClose={onClose} data-testid="notification-prefs-dialog">
      <DialogTitle>Notification preferences</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Desktop notifications for (the bell lists everything):
        </Typography>
        <FormGroup>
          {NOTIFICATION_KINDS.map((kind) => (
            <FormControlLabel
              key={kind}
              control={<Checkbox checked={kinds.includes(kind)} onChange={() => toggle(kind)} disabled={loading} />}
              label={KIND_LABELS[kind]}
            />
          ))}
        </FormGroup>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2, mb: 1 }}>
          Quiet hours (no desktop notifications; your location's time):
        </Typography>
        <Stack direction="row" spacing={2}>
          <TextField
            label="From"
            type="time"
            size="small"
            value={quietStart}
            onChange={(e) => setQuietStart(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            inputProps={{ 'data-testid': 'quiet-start' }}
          />
          <TextField
            label="To"
            type="time"
            size="small"
            value={quietEnd}
            onChange={(e) => setQuietEnd(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            inputProps={{ 'data-testid': 'quiet-end' }}
          />
        </Stack>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="notification-prefs-save">
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
