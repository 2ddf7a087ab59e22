// Admin only, online only: enrolling workstations (a code, or a token for a script), the enrolled
// workstations and revoking them, each location's update policy, live sessions, the audit export.
import { Stack } from '@mui/material';
import { AuditExportCard } from './AuditExportCard';
import { EnrolledWorkstationsCard } from './EnrolledWorkstationsCard';
import { EnrollmentCard } from './EnrollmentCard';
import { EnrollmentTokenCard } from './EnrollmentTokenCard';
import { SessionsCard } from './SessionsCard';
import { UpdatePolicyCard } from './UpdatePolicyCard';

export function WorkstationsTab() {
  return (
    <Stack spacing={2} sx={{ height: '100%', overflow: 'auto' }}>
      <EnrollmentCard />
      <EnrollmentTokenCard />
      <EnrolledWorkstationsCard />
      <UpdatePolicyCard />
      <SessionsCard />
      <AuditExportCard />
    </Stack>
  );
}
