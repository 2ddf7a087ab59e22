// Downloads the audit log of a date range as CSV (the export itself is audited on the server).
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { AdminCard } from '../common/AdminCard';
import { useServerCall } from '../common/useServerCall';
import { useAdminApi } from './useAdminApi';

const today = () => new Date().toISOString().slice(0, 10);
const monthAgo = () => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

export function AuditExportCard() {
  const api = useAdminApi();
  const [from, setFrom] = useState(monthAgo);
  const [to, setTo] = useState(today);
  const { busy, error, run } = useServerCall();

  const download = () =>
    run(async () => {
      const blob = await api.exportAudit(from, to);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `baton-audit-${from}-to-${to}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    });

  return (
    <AdminCard
      title="Audit log export"
      description="Every change, refusal, sign-in, sign-out and lock, as CSV. The file holds PHI: store it accordingly."
    >
      <Stack direction="row" spacing={1.5} alignItems="center">
        <TextField
          type="date"
          size="small"
          label="From"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          type="date"
          size="small"
          label="Through"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button variant="outlined" onClick={() => void download()} disabled={busy} data-testid="audit-export">
          Download CSV
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
    </AdminCard>
  );
}
