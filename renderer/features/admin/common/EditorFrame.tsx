// An entry editor's frame: title, read-only note, the fields, Save with its status.
import { Alert, Box, Button, Divider, Stack, Typography } from '@mui/material';
import type { FormEvent, ReactNode } from 'react';
import type { SaveStatus } from '../useSaveEntry';
import { ReadOnlyContext } from './read-only';

interface Props {
  title: string;
  subtitle?: string;
  readOnly: boolean;
  hasErrors: boolean;
  status: SaveStatus;
  onSave: () => void;
  saveLabel?: string;
  children: ReactNode;
}

export function EditorFrame({ title, subtitle, readOnly, hasErrors, status, onSave, saveLabel = 'Save', children }: Props) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!readOnly) onSave();
  };
  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={title} data-testid="admin-editor">
      <Box sx={{ px: 3, pt: 2.5, pb: 2 }}>
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        {subtitle && (
          <Typography variant="caption" color="text.secondary">
            {subtitle}
          </Typography>
        )}
      </Box>
      {readOnly && (
        <Alert severity="info" variant="outlined" sx={{ mx: 3, mb: 2 }} data-testid="admin-read-only">
          Read only: only an administrator changes this part of the configuration.
        </Alert>
      )}
      <Box component="fieldset" disabled={readOnly} sx={{ border: 0, m: 0, px: 3, pb: 2 }}>
        <ReadOnlyContext.Provider value={readOnly}>{children}</ReadOnlyContext.Provider>
      </Box>
      {!readOnly && (
        <>
          <Divider />
          {/* Over the fields as they scroll by, their labels too (MUI puts those at z-index 1). */}
          <Stack
            direction="row"
            spacing={2}
            alignItems="center"
            sx={{ px: 3, py: 1.5, position: 'sticky', bottom: 0, zIndex: 2, bgcolor: 'background.paper' }}
          >
            <Button type="submit" variant="contained" disabled={status.state === 'saving'} data-testid="admin-save">
              {saveLabel}
            </Button>
            <SaveMessage hasErrors={hasErrors} status={status} />
          </Stack>
        </>
      )}
    </Box>
  );
}

function SaveMessage({ hasErrors, status }: { hasErrors: boolean; status: SaveStatus }) {
  if (hasErrors) {
    return (
      <Typography variant="body2" color="error" data-testid="admin-save-status">
        Not saved: correct the highlighted fields.
      </Typography>
    );
  }
  if (status.state === 'saved') {
    return (
      <Typography variant="body2" color="success.main" data-testid="admin-save-status">
        Saved on this workstation; it reaches the other workstations when it uploads.
      </Typography>
    );
  }
  if (status.state === 'failed') {
    return (
      <Typography variant="body2" color="error" data-testid="admin-save-status">
        Not saved: {status.message}
      </Typography>
    );
  }
  return null;
}
