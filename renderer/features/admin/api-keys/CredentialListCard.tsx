// A card listing credentials from the server (API keys, inbound sources): its table's heading and
// rows, a Refresh button, the server's refusal, a note when there is none yet, and the secret just
// issued by a rotation.
import { Alert, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ReactNode } from 'react';
import { AdminCard } from '../common/AdminCard';

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
  /** Below the table: a secret just issued. */
  footer?: ReactNode;
}

export function CredentialListCard({ title, description, testId, headers, error, count, emptyText, onRefresh, children, footer }: Props) {
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
            {/* The status cell and the actions' cell of CredentialCells. */}
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
