// The inbound sources of the admin's locations: what each is, where its messages are filed, when
// it last delivered; rotating its secret (shown once; the old one stops working) and revoking it.
import { TableCell, TableRow } from '@mui/material';
import { useState } from 'react';
import type { InboundSourceSummary, IssuedInboundSource } from '../../../../shared/intake/inbound-sources';
import { locationLabel, typeLabel } from '../../../catalog/practice-labels';
import { CREDENTIAL_HEADERS, CredentialCells, when } from '../credentials/CredentialCells';
import { ServerListCard } from '../common/ServerListCard';
import type { useServerList } from '../common/useServerList';
import { usePracticeConfig } from '../usePracticeConfig';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedSourceSecret } from './IssuedSourceSecret';

const KIND = { fax: 'Fax', email: 'E-mail' } as const;

export function InboundSourcesCard({ list }: { list: ReturnType<typeof useServerList<InboundSourceSummary>> }) {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const { items, error, load } = list;
  const [issued, setIssued] = useState<IssuedInboundSource | null>(null);

  return (
    <ServerListCard
      title="Inbound fax and e-mail"
      description="Each delivery is checked against the source's secret; what it files is in the audit log. Rotate a secret that may have leaked: the service needs the new one."
      testId="inbound-sources"
      headers={['Source', 'Kind', 'Files into', 'Created', 'Last delivery', ...CREDENTIAL_HEADERS]}
      error={error}
      count={items?.length ?? null}
      emptyText="No inbound source yet."
      onRefresh={() => void load()}
      footer={issued && <IssuedSourceSecret issued={issued} />}
    >
      {(items ?? []).map((s) => (
        <TableRow key={s.id} data-testid="inbound-source-row" data-inbound-source-id={s.id}>
          <TableCell>{s.name}</TableCell>
          <TableCell>{KIND[s.kind]}</TableCell>
          <TableCell>
            {locationLabel(config, s.locationId)}: {typeLabel(config, s.typeId)}
          </TableCell>
          <TableCell>{when(s.createdAt)}</TableCell>
          <TableCell data-testid="inbound-source-last-delivery">{when(s.lastUsedAt)}</TableCell>
          <CredentialCells
            credential={s}
            endedAt={s.revokedAt}
            noun="inbound source"
            testId="inbound-source"
            rotateTitle={`Rotate the secret of “${s.name}”?`}
            rotateText="The secret its service signs with now stops working at once. The new one is shown once: enter it in the service."
            endTitle={`Revoke “${s.name}”?`}
            endText="Its deliveries are refused from now on, and it cannot be used again. Tasks it filed stay."
            onRotate={async () => {
              setIssued(await api.rotateInboundSource(s.id));
              await load();
            }}
            onEnd={async () => {
              await api.revokeInboundSource(s.id);
              await load();
            }}
          />
        </TableRow>
      ))}
    </ServerListCard>
  );
}
