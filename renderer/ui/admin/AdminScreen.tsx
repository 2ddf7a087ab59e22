// The practice configuration screen (placeholder until the editor lands).
import { Box, Typography } from '@mui/material';

export function AdminScreen() {
  return (
    <Box sx={{ p: 4 }}>
      <Typography variant="h5">Practice configuration</Typography>
    </Box>
  );
}
