// The "?" overlay listing the keyboard shortcuts.
import { Dialog, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow } from '@mui/material';
import { SHORTCUTS } from './shortcuts';
import { useBoardUi } from '../board';

export function ShortcutHelp() {
  const open = useBoardUi((s) => s.helpOpen);
  const setOpen = useBoardUi((s) => s.setHelpOpen);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} maxWidth="xs" fullWidth>
      <DialogTitle>Keyboard shortcuts</DialogTitle>
      <DialogContent data-testid="shortcut-help">
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map((s) => (
              <TableRow key={s.command}>
                <TableCell sx={{ width: 96 }}>
                  <kbd>{s.keys}</kbd>
                </TableCell>
                <TableCell>{s.label}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
    </Dialog>
  );
}
