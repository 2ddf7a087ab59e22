// Queues (teams) and categories, side by side.
import { Stack } from '@mui/material';
import { LabelledListCard } from './LabelledListCard';

export function QueuesCategoriesTab() {
  return (
    <Stack direction="row" spacing={2} sx={{ height: '100%', minHeight: 0 }}>
      <LabelledListCard kind="queue" title="Queues" hint="Each team's queue. Routing rules and task types send work to a queue." />
      <LabelledListCard
        kind="category"
        title="Categories"
        hint="What a task is about; intake and triage suggest one, routing may match on it."
      />
    </Stack>
  );
}
