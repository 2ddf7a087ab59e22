// Decisions of mine that lost to someone else's (made while apart): shown until I acknowledge
// them on this workstation, never silently dropped.
import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { useMemo, useState } from 'react';
import { STATUS_LABELS } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { supersededDecisions } from './approval';
import { decided$, loadAcknowledged, saveAcknowledged } from './approval-store';
import { useObservable } from '../../ui/hooks/useObservable';

export function SupersededNotices() {
  const { workspace, user } = useWorkspace();
  const tasks = useObservable(() => decided$(workspace.db), [], [workspace]);
  const [acknowledged, setAcknowledged] = useState(() => loadAcknowledged(user.id));
  const notices = useMemo(() => supersededDecisions(tasks, user.id, acknowledged), [tasks, user.id, acknowledged]);
  if (notices.length === 0) return null;

  const acknowledge = (key: string) => {
    const next = new Set([...acknowledged, key]);
    saveAcknowledged(user.id, next);
    setAcknowledged(next);
  };

  return (
    <Stack spacing={1} sx={{ px: 3, pt: 2 }} component="section" aria-label="Superseded decisions" data-testid="superseded-notices">
      {notices.map((n) => (
        <Alert
          key={n.key}
          severity="warning"
          data-testid="superseded-notice"
          action={
            <Button color="inherit" onClick={() => acknowledge(n.key)}>
              Got it
            </Button>
          }
        >
          <AlertTitle sx={{ mb: 0 }}>Superseded decision: “{n.title}”</AlertTitle>
          You decided {STATUS_LABELS[n.mine]}; {n.standingBy ? `${n.standingBy}'s` : 'another'} decision {STATUS_LABELS[n.standing]} stands.
        </Alert>
      ))}
    </Stack>
  );
}
