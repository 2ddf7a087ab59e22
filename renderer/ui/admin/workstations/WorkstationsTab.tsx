// Admin only, online only: enrolling workstations, live sessions, and the audit export.
import { Stack } from '@mui/material';
import { AuditExportCard } from './AuditExportCard';
import { EnrollmentCard } from './EnrollmentCard';
import { SessionsCard } from './SessionsCard';

export function WorkstationsTab() {
  return (
    <Stack spacing={2} sx={{ height: '100%', overflow: 'auto' }}>
      <EnrollmentCard />
      <SessionsCard />
      <AuditExportCard />
    </Stack>
  );
}
