// The list's sticky header: each column sorts on a click (again: the other way), aria-sort says how.
import { TableCell, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { useBoardFilters } from '../board';
import { COLUMNS } from './list-columns';

export function ListHeader() {
  const sort = useBoardFilters((s) => s.listSort);
  const sortListBy = useBoardFilters((s) => s.sortListBy);
  return (
    <TableHead>
      <TableRow aria-rowindex={1}>
        {COLUMNS.map((column) => {
          const active = sort.column === column.id;
          return (
            <TableCell key={column.id} sx={{ width: column.width }} sortDirection={active ? sort.direction : false}>
              <TableSortLabel
                active={active}
                direction={active ? sort.direction : 'asc'}
                onClick={() => sortListBy(column.id)}
                data-testid={`sort-${column.id}`}
              >
                {column.label}
              </TableSortLabel>
            </TableCell>
          );
        })}
      </TableRow>
    </TableHead>
  );
}
