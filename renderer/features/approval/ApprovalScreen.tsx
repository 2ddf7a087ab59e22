// The clinician's approval window: one item at a time, decided with one key.
import { Box, Button, Snackbar, Alert, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { reasonChoices, reasonKindOf, type DecisionId } from './approval';
import { RejectionList } from '../sync-status';
import { ApprovalHeader } from './ApprovalHeader';
import { DecisionCard } from './DecisionCard';
import { KeyCap } from './KeyCap';
import { KeyHints } from './KeyHints';
import { QueueList } from './QueueList';
import { ReasonPicker } from './ReasonPicker';
import { SupersededNotices } from './SupersededNotices';
import { UNDO_MS, useApprovalDesk } from './useApprovalDesk';
import { useApprovalKeys, type ApprovalKeyHandlers } from './useApprovalKeys';

type Picking = Extract<DecisionId, 'reject' | 'request_info'>;

const PICKER_TITLES: Record<Picking, string> = {
  reject: 'Reject: why?',
  request_info: 'Send back: what is needed?',
};

function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function ApprovalScreen() {
  const desk = useApprovalDesk();
  const now = useNow();
  const [picking, setPicking] = useState<Picking | null>(null);
  // What the picker shows, kept while it fades out after a pick.
  const [shown, setShown] = useState<Picking>('reject');
  const pick = (decision: Picking) => {
    if (!desk.current) return;
    setShown(decision);
    setPicking(decision);
  };

  const handlers: ApprovalKeyHandlers = {
    approve: () => desk.decide('approve'),
    reject: () => pick('reject'),
    requestInfo: () => pick('request_info'),
    skip: desk.skip,
    next: desk.next,
    previous: desk.previous,
    undo: desk.undo,
  };
  useApprovalKeys(handlers, picking === null);
  const kind = reasonKindOf(shown);

  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }} data-testid="approval-screen">
      <ApprovalHeader count={desk.queue.length} />
      <RejectionList />
      <SupersededNotices />
      <Box sx={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <Box
          component="aside"
          sx={{ width: 320, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper', overflow: 'auto' }}
        >
          <QueueList queue={desk.queue} currentId={desk.current?.id ?? null} config={desk.config} now={now} onSelect={desk.select} />
        </Box>
        {/* Focusable: a long item scrolls, and the keyboard must reach it (its keys act on the item, wherever focus is). */}
        <Box component="main" tabIndex={0} aria-label="The item to decide" sx={{ flex: 1, minWidth: 0, overflow: 'auto', p: 4 }}>
          {desk.current ? (
            <DecisionCard task={desk.current} config={desk.config} now={now} position={`${desk.index + 1} of ${desk.queue.length}`} />
          ) : (
            <Box sx={{ textAlign: 'center', mt: 12 }} data-testid="approval-empty">
              <Typography sx={{ fontSize: '1.5rem', fontWeight: 600 }}>
                {desk.loading ? 'Loading…' : 'Nothing waits for your sign-off.'}
              </Typography>
              {!desk.loading && <Typography color="text.secondary">New items appear here as they are sent to review.</Typography>}
            </Box>
          )}
        </Box>
      </Box>
      <KeyHints handlers={handlers} hasItem={!!desk.current} canUndo={!!desk.held} />
      <ReasonPicker
        open={picking !== null}
        title={PICKER_TITLES[shown]}
        choices={kind ? reasonChoices(desk.config, kind) : []}
        onClose={() => setPicking(null)}
        onPick={(code) => {
          if (picking) desk.decide(picking, code);
          setPicking(null);
        }}
      />
      <Snackbar
        key={desk.notice?.id}
        open={!!desk.notice}
        autoHideDuration={desk.notice?.severity === 'error' ? 8000 : UNDO_MS}
        onClose={(_, reason) => reason !== 'clickaway' && desk.clearNotice()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        sx={{ bottom: { xs: 88, sm: 88 } }}
      >
        <Alert
          severity={desk.notice?.severity === 'error' ? 'error' : 'success'}
          variant="filled"
          data-testid="approval-notice"
          sx={{ fontSize: '1rem', alignItems: 'center' }}
          action={
            desk.notice?.undo && desk.held ? (
              <Button color="inherit" onClick={desk.undo} endIcon={<KeyCap small>U</KeyCap>} data-testid="approval-undo-snackbar">
                Undo
              </Button>
            ) : undefined
          }
        >
          {desk.notice?.text}
        </Alert>
      </Snackbar>
    </Box>
  );
}
