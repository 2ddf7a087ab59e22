// The queue down the side: where the clinician is, and what comes next.
import { Box, List, ListItem, ListItemButton, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import type { PracticeConfig } from '../../../shared/config/practice';
import type { Task } from '../../../shared/task';
import { formatWaited, waitingSince } from './approval';

const PRIORITY_DOT: Record<Task['priority'], string> = { urgent: '#c0392b', high: '#d08a1c', normal: '#2f5d8a', low: '#9aa5b1' };

export function QueueList(props: {
  queue: Task[];
  currentId: string | null;
  config: PracticeConfig;
  now: number;
  onSelect(id: string): void;
}) {
  const { queue, currentId, config, now, onSelect } = props;
  const selected = useRef<HTMLDivElement>(null);
  useEffect(() => {
    selected.current?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);
  return (
    <List aria-label="Approval queue" data-testid="approval-queue" sx={{ py: 1 }}>
      {queue.map((task) => {
        const isCurrent = task.id === currentId;
        return (
          // A list holds list items only (the button inside each), so a screen reader counts the queue.
          <ListItem key={task.id} disablePadding>
            <ListItemButton
              ref={isCurrent ? selected : undefined}
              selected={isCurrent}
              onClick={() => onSelect(task.id)}
              aria-current={isCurrent ? 'true' : undefined}
              data-testid="approval-queue-item"
              sx={{ display: 'block', px: 2, py: 1.25, borderLeft: 3, borderColor: isCurrent ? 'primary.main' : 'transparent' }}
            >
              <Typography noWrap sx={{ fontSize: '0.95rem', fontWeight: isCurrent ? 700 : 500 }}>
                {task.title}
              </Typography>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, color: 'text.secondary', fontSize: 12 }}>
                <Box sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: PRIORITY_DOT[task.priority], flexShrink: 0 }} />
                <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {config.taskTypes.get(task.typeId)?.label ?? task.typeId}
                </Box>
                <Box sx={{ flex: 1 }} />
                <Box component="span" sx={{ flexShrink: 0 }}>
                  {formatWaited(waitingSince(task), now)}
                </Box>
              </Box>
            </ListItemButton>
          </ListItem>
        );
      })}
    </List>
  );
}
