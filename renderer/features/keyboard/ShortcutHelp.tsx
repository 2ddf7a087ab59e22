// The "?" overlay listing every keyboard shortcut: the board's, the ones that work everywhere and
// the approval window's.
import { Dialog, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { HELP_SECTIONS } from './shortcuts';
import { useBoardUi } from '../board';

export function ShortcutHelp() {
  const open = useBoardUi((s) => s.helpOpen);
  const setOpen = useBoardUi((s) => s.setHelpOpen);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
      <DialogTitle>Keyboard shortcuts</DialogTitle>
      <DialogContent data-testid="shortcut-help">
        {HELP_SECTIONS.map((section) => (
          <Table key={section.title} size="small" sx={{ mb: 1.5 }} aria-label={section.title}>
            <TableHead>
              <TableRow>
                <TableCell colSpan={2} component="th" sx={{ fontWeight: 600 }}>
                  {section.title}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {section.keys.map((s) => (
                <TableRow key={s.keys}>
                  <TableCell sx={{ width: 140 }}>
                    <kbd>{s.keys}</kbd>
                  </TableCell>
                  <TableCell>{s.label}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}
      </DialogContent>
    </Dialog>
  );
}
