// The task's documents: each with its type, size and who added it when; opens in the viewer.
// People who may edit the task attach PDFs and images (uploaded at once: it needs a connection).
import AttachFile from '@mui/icons-material/AttachFile';
import Description from '@mui/icons-material/DescriptionOutlined';
import Image from '@mui/icons-material/ImageOutlined';
import { Alert, Button, List, ListItem, ListItemButton, ListItemIcon, ListItemText, Stack, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import type { AttachmentRef } from '../../../shared/attachments/attachment';
import { mayAttachFiles } from '../../../shared/policy';
import type { Task } from '../../../shared/task';
import { staffName } from '../../catalog/practice-labels';
import { formatDateTime } from '../../ui/common/labels';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';
import { AttachmentViewer, describeDocument, useDocuments } from '../attachments';
import { actorName, actorNames } from './history-format';

const ACCEPTED = 'application/pdf,image/png,image/jpeg,image/gif,image/webp,image/tiff';

export function AttachmentsPanel({ task }: { task: Task }) {
  const config = usePracticeConfig();
  const actor = useWorkflowActor();
  const documents = useDocuments(task);
  const picker = useRef<HTMLInputElement>(null);
  const [viewing, setViewing] = useState<AttachmentRef | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayAttach = mayAttachFiles(actor, task, config);
  const names = actorNames(task.history);
  const addedBy = (id: string) => (config.staff.has(id) ? staffName(config, id, actor.id) : actorName(id, names, actor.id));

  const attach = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      // The task lists them once the server has them: replication brings the new list.
      await documents.attach(files);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The documents could not be attached.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1} component="section" aria-label="Attachments" data-testid="attachments">
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2">Attachments ({task.attachments.length})</Typography>
        {mayAttach && (
          <>
            <Button size="small" startIcon={<AttachFile />} onClick={() => picker.current?.click()} disabled={busy} data-testid="attach">
              {busy ? 'Attaching…' : 'Attach'}
            </Button>
            <input
              ref={picker}
              type="file"
              accept={ACCEPTED}
              multiple
              hidden
              aria-label="Documents to attach"
              data-testid="attach-input"
              onChange={(event) => {
                const files = [...(event.target.files ?? [])];
                event.target.value = '';
                void attach(files);
              }}
            />
          </>
        )}
      </Stack>
      {error && (
        <Alert severity="error" data-testid="attach-error">
          {error}
        </Alert>
      )}
      {task.attachments.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No documents attached.
        </Typography>
      ) : (
        <List dense disablePadding>
          {task.attachments.map((doc) => (
            <ListItem key={doc.id} disablePadding>
              <ListItemButton onClick={() => setViewing(doc)} data-testid="attachment" data-attachment-id={doc.id}>
                <ListItemIcon sx={{ minWidth: 36 }}>{doc.contentType === 'application/pdf' ? <Description /> : <Image />}</ListItemIcon>
                <ListItemText
                  primary={doc.name}
                  secondary={`${describeDocument(doc)} · added ${formatDateTime(doc.addedAt)} by ${addedBy(doc.addedBy)}`}
                  slotProps={{ primary: { noWrap: true, title: doc.name } }}
                />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
      )}
      {viewing && <AttachmentViewer attachment={viewing} documents={documents} onClose={() => setViewing(null)} />}
    </Stack>
  );
}
