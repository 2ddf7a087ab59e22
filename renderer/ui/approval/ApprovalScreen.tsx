// The clinician's approval window (placeholder until the approval queue lands).
import { Box, Typography } from '@mui/material';

export function ApprovalScreen() {
  return (
    <Box sx={{ p: 4 }}>
      <Typography variant="h5">Approval queue</Typography>
    </Box>
  );
}
