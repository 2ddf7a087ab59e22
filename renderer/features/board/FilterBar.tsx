// Search, filters and the board/list switch.
import SearchIcon from '@mui/icons-material/Search';
import DensityMediumOutlined from '@mui/icons-material/DensityMediumOutlined';
import DensitySmallOutlined from '@mui/icons-material/DensitySmallOutlined';
import ViewKanbanOutlined from '@mui/icons-material/ViewKanbanOutlined';
import ViewListOutlined from '@mui/icons-material/ViewListOutlined';
import { Box, Button, Chip, InputAdornment, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { PRIORITIES, STATUS_LABELS, TASK_STATUSES, type Priority, type TaskStatus } from '../../../shared/task';
import { PRIORITY_LABELS } from '../../catalog/catalog';
import { queueOptions, staffOptions } from '../../catalog/practice-labels';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { OptionSelect } from '../../ui/common/OptionSelect';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { EMPTY_FILTERS, LIST_GROUPINGS, useBoardFilters, type BoardFilters, type BoardView, type ListGroupBy } from './board-filters';
import { useCardDensity, type CardDensity } from './density';

/** Filters with every keystroke, no debounce: the board filters its scan in memory (BoardView). */
function SearchField() {
  const search = useBoardFilters((s) => s.filters.search);
  const setFilter = useBoardFilters((s) => s.setFilter);
  return (
    <TextField
      placeholder="Search title or patient (MRN, initials)"
      value={search}
      onChange={(e) => setFilter('search', e.target.value)}
      sx={{ width: 300, bgcolor: 'background.paper' }}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        },
        htmlInput: { 'data-testid': 'search', 'aria-label': 'Search tasks' },
      }}
    />
  );
}

function FilterSelect(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  testId: string;
}) {
  return (
    <OptionSelect
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      sx={{ minWidth: 150, bgcolor: 'background.paper', borderRadius: 1 }}
      options={props.options}
      emptyLabel="Any"
      testId={props.testId}
    />
  );
}

/** Managers pick any one person's work. */
function OwnerPicker() {
  const { filters, setFilter } = useBoardFilters();
  const config = usePracticeConfig();
  return (
    <FilterSelect
      label="Person"
      value={filters.ownerId}
      onChange={(v) => {
        setFilter('owner', 'any');
        setFilter('ownerId', v);
      }}
      options={staffOptions(config)}
      testId="filter-person"
    />
  );
}

const GROUP_LABELS: Record<ListGroupBy, string> = { none: 'None', owner: 'Owner', status: 'Status', queue: 'Queue' };

/** The list's grouping: none, or a header row per owner, status or queue. */
function GroupBySelect() {
  const groupBy = useBoardFilters((s) => s.listGroupBy);
  const setListGroupBy = useBoardFilters((s) => s.setListGroupBy);
  return (
    <OptionSelect
      label="Group by"
      value={groupBy}
      onChange={(e) => setListGroupBy(e.target.value as ListGroupBy)}
      sx={{ minWidth: 130, bgcolor: 'background.paper', borderRadius: 1 }}
      options={LIST_GROUPINGS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
      testId="list-group-by"
    />
  );
}

/** Comfortable or compact cards, the person's own setting. */
function DensityToggle() {
  const { user } = useWorkspace();
  const [density, setDensity] = useCardDensity(user.id);
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={density}
      onChange={(_, v: CardDensity | null) => v && setDensity(v)}
      aria-label="Card density"
      sx={{ bgcolor: 'background.paper', height: 40 }}
    >
      <ToggleButton value="comfortable" aria-label="Comfortable cards" title="Comfortable cards" data-testid="density-comfortable">
        <DensityMediumOutlined fontSize="small" />
      </ToggleButton>
      <ToggleButton value="compact" aria-label="Compact cards" title="Compact cards" data-testid="density-compact">
        <DensitySmallOutlined fontSize="small" />
      </ToggleButton>
    </ToggleButtonGroup>
  );
}

export function FilterBar() {
  const { view, filters, setView, setFilter, resetFilters } = useBoardFilters();
  const config = usePracticeConfig();
  const { user } = useWorkspace();
  const filtered = JSON.stringify(filters) !== JSON.stringify(EMPTY_FILTERS);
  return (
    <Stack direction="row" spacing={1.5} alignItems="center" sx={{ px: 2, py: 1.25, flexWrap: 'wrap', rowGap: 1 }}>
      {filters.taskIds && (
        <Chip
          color="primary"
          label={`Dashboard: ${filters.taskIdsLabel} (${filters.taskIds.length})`}
          onDelete={() => setFilter('taskIds', null)}
          data-testid="dashboard-filter"
        />
      )}
      <SearchField />
      <FilterSelect
        label="Queue"
        value={filters.queue}
        onChange={(v) => setFilter('queue', v)}
        options={queueOptions(config)}
        testId="filter-queue"
      />
      <FilterSelect
        label="Priority"
        value={filters.priority}
        onChange={(v) => setFilter('priority', v as Priority | '')}
        options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
        testId="filter-priority"
      />
      {view === 'list' && (
        <FilterSelect
          label="Status"
          value={filters.status}
          onChange={(v) => setFilter('status', v as TaskStatus | '')}
          options={TASK_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          testId="filter-status"
        />
      )}
      <ToggleButtonGroup
        size="small"
        exclusive
        value={filters.owner}
        onChange={(_, v: BoardFilters['owner'] | null) => v && setFilter('owner', v)}
        aria-label="Owner"
        sx={{ bgcolor: 'background.paper', height: 40 }}
      >
        <ToggleButton value="any" data-testid="owner-any">
          Anyone
        </ToggleButton>
        <ToggleButton value="mine" data-testid="owner-mine">
          Mine
        </ToggleButton>
      </ToggleButtonGroup>
      {user.roles.includes('manager') && <OwnerPicker />}
      {view === 'list' && <GroupBySelect />}
      {filtered && <Button onClick={resetFilters}>Clear filters</Button>}
      <Box sx={{ flex: 1 }} />
      {view === 'board' && <DensityToggle />}
      <ToggleButtonGroup
        size="small"
        exclusive
        value={view}
        onChange={(_, v: BoardView | null) => v && setView(v)}
        aria-label="View"
        sx={{ bgcolor: 'background.paper', height: 40 }}
      >
        <ToggleButton value="board" data-testid="view-board">
          <ViewKanbanOutlined fontSize="small" sx={{ mr: 0.5 }} /> Board
        </ToggleButton>
        <ToggleButton value="list" data-testid="view-list">
          <ViewListOutlined fontSize="small" sx={{ mr: 0.5 }} /> List
        </ToggleButton>
      </ToggleButtonGroup>
    </Stack>
  );
}
