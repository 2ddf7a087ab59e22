// Short confirmations ("Task created") with a shortcut to the task.
import { Button, Snackbar } from '@mui/material';
import { useBoardUi } from '../../features/board';

export function NoticeSnackbar() {
  const notice = useBoardUi((s) => s.notice);
  const notify = useBoardUi((s) => s.notify);
  const openTask = useBoardUi((s) => s.openTask);
  const taskId = notice?.taskId;
  return (
    <Snackbar
      open={!!notice}
      autoHideDuration={5000}
      onClose={(_, reason) => reason !== 'clickaway' && notify(null)}
      message={notice?.text}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      action={
        taskId ? (
          <Button
            color="inherit"
            onClick={() => {
              notify(null);
              openTask(taskId);
            }}
          >
            Open
          </Button>
        ) : undefined
      }
      slotProps={{ content: { 'data-testid': 'notice' } as object }}
    />
  );
}
