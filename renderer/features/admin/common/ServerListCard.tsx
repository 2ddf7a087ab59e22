// A card listing what the server keeps for an admin (workstations, API keys, inbound sources,
// webhooks and their deliveries): its table's heading and rows, a Refresh button, the server's
// refusal, a note when there is none yet, and what goes below (a secret just issued, a dialog).
import { Alert, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ReactNode } from 'react';
import { AdminCard } from './AdminCard';

interface Props {
  title: string;
  description: string;
  testId: string;
  /** Every column's; '' for one without (a row's buttons). A credential's end with CREDENTIAL_HEADERS. */
  headers: string[];
  error: string | null;
  /** null while loading. */
  count: number | null;
  emptyText: string;
  onRefresh(): void;
  refreshTestId?: string;
  /** The rows. */
  children: ReactNode;
  /** Below the table: a secret just issued, a dialog. */
  footer?: ReactNode;
}

export function ServerListCard({
  title,
  description,
  testId,
  headers,
  error,
  count,
  emptyText,
  onRefresh,
  refreshTestId,
  children,
  footer,
}: Props) {
  return (
    <AdminCard
      title={title}
      description={description}
      testId={testId}
      actions={
        <Button size="small" onClick={onRefresh} data-testid={refreshTestId}>
          Refresh
        </Button>
      }
    >
      {error && <Alert severity="error">{error}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            {headers.map((h) => (
              <TableCell key={h}>{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>{children}</TableBody>
      </Table>
      {count === 0 && <Alert severity="info">{emptyText}</Alert>}
      {footer}
    </AdminCard>
  );
}
