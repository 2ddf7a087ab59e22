// A card listing what the server keeps that an admin can revoke (workstations, API keys, inbound
// sources): its table's heading and rows, a Refresh button, the server's refusal, a note when there
// is none yet, and what goes below (a secret just issued, a dialog).
import { Alert, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ReactNode } from 'react';
import { AdminCard } from './AdminCard';

interface Props {
  title: string;
  description: string;
  testId: string;
  headers: string[];
  error: string | null;
  /** null while loading. */
  count: number | null;
  emptyText: string;
  onRefresh(): void;
  /** The rows. */
  children: ReactNode;
  /** Below the table: a secret just issued, a dialog. */
  footer?: ReactNode;
}

export function ServerListCard({ title, description, testId, headers, error, count, emptyText, onRefresh, children, footer }: Props) {
  return (
    <AdminCard
      title={title}
      description={description}
      testId={testId}
      actions={
        <Button size="small" onClick={onRefresh}>
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
            {/* Each row's status and its actions (CredentialCells for a credential). */}
            <TableCell>Status</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>{children}</TableBody>
      </Table>
      {count === 0 && <Alert severity="info">{emptyText}</Alert>}
      {footer}
    </AdminCard>
  );
}
