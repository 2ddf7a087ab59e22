// A small picker of reason codes: a number key picks one at once; arrows and Enter work too.
import { Box, Dialog, DialogContent, DialogTitle, List, ListItem, ListItemButton, Typography } from '@mui/material';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ReasonChoice } from './approval';
import { KeyCap } from './KeyCap';

export interface ReasonPickerProps {
  open: boolean;
  title: string;
  choices: ReasonChoice[];
  onPick(code: string): void;
  onClose(): void;
}

export function ReasonPicker({ open, title, choices, onPick, onClose }: ReasonPickerProps) {
  const [selected, setSelected] = useState(0);
  useEffect(() => {
    if (open) setSelected(0);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return;
    const digit = Number(event.key);
    if (Number.isInteger(digit) && digit >= 1 && digit <= choices.length) {
      event.preventDefault();
      onPick(choices[digit - 1].code);
    } else if (event.key === 'ArrowDown' || event.key === 'j') {
      event.preventDefault();
      setSelected((i) => Math.min(i + 1, choices.length - 1));
    } else if (event.key === 'ArrowUp' || event.key === 'k') {
      event.preventDefault();
      setSelected((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && choices[selected]) {
      event.preventDefault();
      onPick(choices[selected].code);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      onKeyDown={onKeyDown}
      maxWidth="xs"
      fullWidth
      aria-labelledby="reason-picker-title"
      sx={{ '& .MuiDialog-paper:focus-visible, & .MuiDialog-container:focus-visible': { outline: 'none' } }}
    >
      <DialogTitle id="reason-picker-title" sx={{ fontSize: '1.15rem' }}>
        {title}
      </DialogTitle>
      <DialogContent sx={{ pb: 2 }}>
        {choices.length === 0 ? (
          <Typography color="text.secondary">No reason codes are set up for this. Ask the practice administrator.</Typography>
        ) : (
          <List dense disablePadding aria-label="Reason codes" data-testid="reason-picker">
            {choices.map((choice, i) => (
              // A list holds list items only (the button inside each), so a screen reader counts the reasons.
              <ListItem key={choice.code} disablePadding>
                <ListItemButton
                  selected={i === selected}
                  onClick={() => onPick(choice.code)}
                  sx={{ borderRadius: 1.5, py: 1, gap: 1.5 }}
                  data-testid="reason-choice"
                >
                  <KeyCap>{i + 1}</KeyCap>
                  <Typography sx={{ fontSize: '1.05rem' }}>{choice.label}</Typography>
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        )}
        <Box sx={{ mt: 1.5, color: 'text.secondary', fontSize: 13 }}>
          Press a number, or ↑ ↓ and Enter. <KeyCap small>Esc</KeyCap> cancels.
        </Box>
      </DialogContent>
    </Dialog>
  );
}
