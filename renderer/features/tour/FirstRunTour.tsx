// The first-run tour: a few pages for the person's role (tour-steps.ts), once per person on this
// workstation. Skippable at every page (Skip, Esc); Enter goes on. Keys pressed in it stay in it:
// the board's shortcuts behind it do not fire.
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { markTourTaken, tourTaken } from './tour-taken';
import { tourKind, tourSteps, type TourStep } from './tour-steps';

function StepBody({ step }: { step: TourStep }) {
  return (
    <>
      <Typography variant="body2" sx={{ mb: 1.5 }}>
        {step.text}
      </Typography>
      {step.statuses && (
        <Table size="small" aria-label="Statuses and when a task leaves them" data-testid="tour-statuses">
          <TableBody>
            {step.statuses.map((s) => (
              <TableRow key={s.status}>
                <TableCell component="th" scope="row" sx={{ fontWeight: 600, whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  {s.label}
                </TableCell>
                <TableCell>{s.leaves}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {step.keys && (
        <Table size="small" aria-label="Keys" data-testid="tour-keys">
          <TableBody>
            {step.keys.map((k) => (
              <TableRow key={k.keys}>
                <TableCell component="th" scope="row" sx={{ width: 130, whiteSpace: 'nowrap' }}>
                  <kbd>{k.keys}</kbd>
                </TableCell>
                <TableCell>{k.label}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

export function FirstRunTour() {
  const { user } = useWorkspace();
  const [open, setOpen] = useState(() => !tourTaken(user.username));
  const [index, setIndex] = useState(0);
  const steps = useMemo(() => tourSteps(tourKind(user.roles), user.displayName), [user.roles, user.displayName]);
  if (!open) return null;
  const finish = () => {
    markTourTaken(user.username);
    setOpen(false);
  };
  const step = steps[index];
  const last = index === steps.length - 1;
  return (
    <Dialog
      open
      onClose={finish}
      maxWidth="sm"
      fullWidth
      aria-labelledby="tour-title"
      data-testid="tour"
      // The board's shortcuts listen on the window: nothing typed here reaches them.
      onKeyDown={(event) => event.stopPropagation()}
    >
      <DialogTitle id="tour-title">{step.title}</DialogTitle>
      <DialogContent>
        <StepBody step={step} />
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={finish} data-testid="tour-skip" sx={{ mr: 'auto' }}>
          {last ? 'Close' : 'Skip tour'}
        </Button>
        <Box sx={{ flex: 1, display: 'flex', justifyContent: 'center' }}>
          <Typography variant="caption" color="text.secondary" data-testid="tour-page">
            {index + 1} of {steps.length}
          </Typography>
        </Box>
        {index > 0 && <Button onClick={() => setIndex(index - 1)}>Back</Button>}
        <Button variant="contained" autoFocus onClick={last ? finish : () => setIndex(index + 1)} data-testid="tour-next">
          {last ? 'Start working' : 'Next'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
