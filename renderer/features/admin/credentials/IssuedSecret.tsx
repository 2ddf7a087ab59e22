// A secret just issued (an API key, an inbound source's or a webhook's signing secret): shown this
// once, with what to do with it.
import { Alert, Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

interface Props {
  warning: ReactNode;
  value: string;
  /** The value's test id; the box's is `testId` without "-value". */
  testId: string;
  /** How it is used: a request the other side makes with it (none for a webhook's: Baton sends). */
  example?: string;
  children?: ReactNode;
}

export function IssuedSecret({ warning, value, testId, example, children }: Props) {
  return (
    <Box sx={{ mt: 2 }} data-testid={testId.replace(/-value$/, '')}>
      <Alert severity="warning" sx={{ mb: 1 }}>
        {warning}
      </Alert>
      {children}
      <Typography component="p" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: 15 }} data-testid={testId}>
        {value}
      </Typography>
      {example && (
        <Box component="pre" sx={{ mt: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto' }}>
          {example}
        </Box>
      )}
    </Box>
  );
}
