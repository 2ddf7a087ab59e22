// A task's document in a dialog over the board: PDFs page by page with zoom, images inline, a
// Download button. Keys: PageDown/PageUp (or → ←) turn pages, Home/End go to the first and last,
// + and - zoom, Esc closes. Nothing in it is ever disabled (see ToolButton).
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import CloseIcon from '@mui/icons-material/Close';
import Download from '@mui/icons-material/Download';
import ZoomIn from '@mui/icons-material/ZoomIn';
import ZoomOut from '@mui/icons-material/ZoomOut';
import { Alert, Box, Button, CircularProgress, Dialog, DialogContent, IconButton, Stack, Typography } from '@mui/material';
import { lazy, Suspense, useEffect, useEffectEvent, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { AttachmentRef } from '../../../shared/attachments/attachment';
import { ImageView } from './ImageView';
import type { OpenedDocument } from './open-document';
import { OFFLINE_MESSAGE, type TaskDocuments } from './useDocuments';

const PdfView = lazy(() => import('./PdfView'));

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
type Shown = OpenedDocument | { kind: 'opening' };

export function AttachmentViewer({
  attachment,
  documents,
  onClose,
}: {
  attachment: AttachmentRef;
  documents: TaskDocuments;
  onClose(): void;
}) {
  const titleId = useId();
  const [shown, setShown] = useState<Shown>({ kind: 'opening' });
  const [problem, setProblem] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [pages, setPages] = useState(0);
  const [zoomAt, setZoomAt] = useState(ZOOMS.indexOf(1));
  const [saving, setSaving] = useState(false);
  const zoom = ZOOMS[zoomAt];
  const isPdf = attachment.contentType === 'application/pdf';

  // Read once per document shown: the task changing meanwhile (a note, a sync) must not read it
  // again, which the server would audit as another view.
  const open = useEffectEvent((ref: AttachmentRef) => documents.open(ref));
  useEffect(() => {
    let live = true;
    open(attachment).then(
      (opened) => live && setShown(opened),
      () => live && setShown({ kind: 'refused', message: 'The document could not be opened.' }),
    );
    return () => {
      live = false;
    };
  }, [attachment]);

  const turnTo = (next: number) => setPage(Math.min(Math.max(next, 1), Math.max(pages, 1)));
  const zoomBy = (step: number) => setZoomAt((at) => Math.min(Math.max(at + step, 0), ZOOMS.length - 1));
  const download = async () => {
    if (saving) return;
    setSaving(true);
    setProblem(await documents.download(attachment).catch(() => 'The document could not be saved.'));
    setSaving(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // The viewer takes the plain keys: the board's shortcuts (j, k, w, ?) must not act behind it.
    // Modified ones (Ctrl+L locks) go on; Esc still closes (MUI reads it after this handler).
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    event.stopPropagation();
    const keys: Record<string, () => void> = {
      PageDown: () => turnTo(page + 1),
      ArrowRight: () => turnTo(page + 1),
      PageUp: () => turnTo(page - 1),
      ArrowLeft: () => turnTo(page - 1),
      Home: () => turnTo(1),
      End: () => turnTo(pages),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
    };
    const act = keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  };

  const ready = shown.kind === 'ready' ? shown : null;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid="attachment-viewer">
      <Stack
        direction="row"
        alignItems="center"
        spacing={1}
        sx={{ px: 2, py: 1, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }}
      >
        <Box sx={{ flex: 1, minWidth: 160 }}>
          <Typography id={titleId} variant="h6" component="h2" noWrap title={attachment.name}>
            {attachment.name}
          </Typography>
          {ready?.fromCache && (
            <Typography variant="caption" color="text.secondary" data-testid="viewer-from-cache">
              Offline: the copy kept on this workstation
            </Typography>
          )}
        </Box>
        {ready && isPdf && pages > 0 && (
          <Stack direction="row" alignItems="center" component="nav" aria-label="Pages">
            <ToolButton label="Previous page" onClick={() => turnTo(page - 1)} off={page <= 1} testId="viewer-prev">
              <ChevronLeft />
            </ToolButton>
            <Typography variant="body2" aria-live="polite" data-testid="viewer-page" sx={{ minWidth: 92, textAlign: 'center' }}>
              Page {page} of {pages}
            </Typography>
            <ToolButton label="Next page" onClick={() => turnTo(page + 1)} off={page >= pages} testId="viewer-next">
              <ChevronRight />
            </ToolButton>
          </Stack>
        )}
        {ready && (
          <Stack direction="row" alignItems="center" role="group" aria-label="Zoom">
            <ToolButton label="Zoom out" onClick={() => zoomBy(-1)} off={zoomAt === 0} testId="viewer-zoom-out">
              <ZoomOut />
            </ToolButton>
            <Typography variant="body2" aria-live="polite" data-testid="viewer-zoom" sx={{ minWidth: 44, textAlign: 'center' }}>
              {Math.round(zoom * 100)}%
            </Typography>
            <ToolButton label="Zoom in" onClick={() => zoomBy(1)} off={zoomAt === ZOOMS.length - 1} testId="viewer-zoom-in">
              <ZoomIn />
            </ToolButton>
          </Stack>
        )}
        <Button startIcon={<Download />} onClick={() => void download()} aria-busy={saving} data-testid="viewer-download">
          Download
        </Button>
        <IconButton aria-label="Close" onClick={onClose} data-testid="viewer-close">
          <CloseIcon />
        </IconButton>
      </Stack>
      {problem && (
        <Alert severity="warning" sx={{ m: 2, mb: 0 }} data-testid="viewer-problem">
          {problem}
        </Alert>
      )}
      {/* Focusable, so the arrow keys scroll a page larger than the window. */}
      <DialogContent tabIndex={0} role="region" aria-label="Document" sx={{ bgcolor: 'grey.100', minHeight: 320, p: 2 }}>
        {shown.kind === 'opening' && <CircularProgress aria-label={`Opening ${attachment.name}`} />}
        {shown.kind === 'offline' && <Message text={OFFLINE_MESSAGE} />}
        {shown.kind === 'refused' && <Message text={shown.message} />}
        {ready && isPdf && (
          <Suspense fallback={<CircularProgress aria-label={`Opening ${attachment.name}`} />}>
            <PdfView bytes={ready.bytes} name={attachment.name} page={page} zoom={zoom} onLoaded={setPages} onError={setProblem} />
          </Suspense>
        )}
        {ready && !isPdf && <ImageView bytes={ready.bytes} contentType={attachment.contentType} name={attachment.name} zoom={zoom} />}
      </DialogContent>
    </Dialog>
  );
}

/**
 * A toolbar button that stays focusable at its limit (the last page, the largest zoom): a disabled
 * button drops the keyboard focus out of the dialog, and with it Esc and the page keys.
 */
function ToolButton({
  label,
  onClick,
  off,
  testId,
  children,
}: {
  label: string;
  onClick(): void;
  off: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <IconButton
      aria-label={label}
      aria-disabled={off}
      onClick={() => !off && onClick()}
      data-testid={testId}
      sx={off ? { color: 'text.disabled', cursor: 'default' } : undefined}
    >
      {children}
    </IconButton>
  );
}

function Message({ text }: { text: string }) {
  return (
    <Typography sx={{ p: 3, textAlign: 'center' }} data-testid="viewer-message">
      {text}
    </Typography>
  );
}
