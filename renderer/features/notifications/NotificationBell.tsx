// The bell in the top bar: the unread count, and a list (newest first) whose entries open their
// task; mark one or all read; the person's preferences. All from the replica, so it works offline.
import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import {
  Badge,
  Box,
  Button,
  Divider,
  IconButton,
  List,
  ListItemButton,
  ListItemText,
  Popover,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { describeNotification, markAllRead, markRead, notificationList$, unreadCount$, type NotificationEntry } from './notifications';
import { useBoardUi } from '../board';
import { useObservable } from '../../ui/hooks/useObservable';
import { NotificationPrefsDialog } from './NotificationPrefsDialog';

export function NotificationBell() {
  const { workspace } = useWorkspace();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [prefsOpen, setPrefsOpen] = useState(false);
  const unread = useObservable(() => unreadCount$(workspace.db), 0, [workspace]);
  const entries = useObservable(() => notificationList$(workspace.db), [] as NotificationEntry[], [workspace]);
  const openTask = useBoardUi((s) => s.openTask);

  const open = (entry: NotificationEntry) => {
    void markRead(workspace.db, entry.notification.id);
    if (entry.title) openTask(entry.notification.taskId);
    setAnchor(null);
  };

  return (
    <>
      <Tooltip title="Notifications">
        <IconButton
          color="inherit"
          onClick={(e) => setAnchor(e.currentTarget)}
          aria-label={`Notifications, ${unread} unread`}
          data-testid="notification-bell"
        >
          <Badge badgeContent={unread} color="error" max={99} data-testid="notification-count" data-count={unread}>
            <NotificationsOutlined />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Box sx={{ width: 380 }} data-testid="notification-list">
          <Stack direction="row" alignItems="center" sx={{ px: 2, py: 1 }}>
            <Typography variant="subtitle1" sx={{ flex: 1 }}>
              Notifications
            </Typography>
            <Button size="small" disabled={unread === 0} onClick={() => void markAllRead(workspace.db)} data-testid="notification-read-all">
              Mark all read
            </Button>
            <Button size="small" onClick={() => setPrefsOpen(true)} data-testid="notification-prefs">
              Preferences
            </Button>
          </Stack>
          <Divider />
          {entries.length === 0 ? (
            <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
              Nothing new.
            </Typography>
          ) : (
            <List dense disablePadding sx={{ maxHeight: 420, overflow: 'auto' }}>
              {entries.map((entry) => {
                const { headline, detail } = describeNotification(entry);
                const isUnread = entry.notification.readAt === '';
                return (
                  <ListItemButton
                    key={entry.notification.id}
                    onClick={() => open(entry)}
                    data-testid="notification-item"
                    data-task-id={entry.notification.taskId}
                    data-unread={isUnread}
                    sx={{ bgcolor: isUnread ? 'action.hover' : undefined }}
                  >
                    <ListItemText
                      primary={detail}
                      secondary={`${headline} · ${new Date(entry.notification.createdAt).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' })}`}
                      slotProps={{ primary: { fontWeight: isUnread ? 600 : 400 } }}
                    />
                  </ListItemButton>
                );
              })}
            </List>
          )}
        </Box>
      </Popover>
      {prefsOpen && <NotificationPrefsDialog onClose={() => setPrefsOpen(false)} />}
    </>
  );
}
