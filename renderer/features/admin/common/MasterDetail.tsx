// A searchable list of entries on the left, the selected entry's editor on the right.
import SearchIcon from '@mui/icons-material/Search';
import {
  Box,
  Chip,
  InputAdornment,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { matchesSearch } from '../admin-forms';

export interface ListedEntry {
  key: string;
  primary: string;
  secondary?: string;
  inactive?: boolean;
}

interface Props {
  entries: ListedEntry[];
  selected: string | null;
  onSelect: (key: string) => void;
  searchLabel: string;
  /** Above the list, e.g. a "New" button. */
  actions?: ReactNode;
  children: ReactNode;
}

export function MasterDetail({ entries, selected, onSelect, searchLabel, actions, children }: Props) {
  const [query, setQuery] = useState('');
  const shown = entries.filter((e) => matchesSearch(query, e.primary, e.secondary ?? '', e.key));
  return (
    <Stack direction="row" spacing={2} sx={{ height: '100%', minHeight: 0 }}>
      <Paper variant="outlined" sx={{ width: 320, flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <Stack spacing={1} sx={{ p: 1.5, borderBottom: 1, borderColor: 'divider' }}>
          <TextField
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={searchLabel}
            slotProps={{
              htmlInput: { 'aria-label': searchLabel, 'data-testid': 'admin-search' },
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon fontSize="small" />
                  </InputAdornment>
                ),
              },
            }}
          />
          {actions}
        </Stack>
        <List dense sx={{ overflow: 'auto', flex: 1, py: 0 }} data-testid="admin-entries">
          {shown.map((e) => (
            // A list holds list items only (the button inside each), so a screen reader counts the entries.
            <ListItem key={e.key} disablePadding>
              <ListItemButton selected={e.key === selected} onClick={() => onSelect(e.key)} data-testid="admin-entry" data-key={e.key}>
                <ListItemText
                  primary={e.primary}
                  secondary={e.secondary}
                  slotProps={{ primary: { noWrap: true }, secondary: { noWrap: true } }}
                />
                {e.inactive && <Chip label="Inactive" variant="outlined" sx={{ ml: 1 }} />}
              </ListItemButton>
            </ListItem>
          ))}
          {shown.length === 0 && (
            <ListItem>
              <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
                Nothing matches.
              </Typography>
            </ListItem>
          )}
        </List>
      </Paper>
      <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, overflow: 'auto' }}>
        {children}
      </Paper>
    </Stack>
  );
}

export function NothingSelected({ text }: { text: string }) {
  return (
    <Box sx={{ p: 4 }}>
      <Typography variant="body2" color="text.secondary">
        {text}
      </Typography>
    </Box>
  );
}
