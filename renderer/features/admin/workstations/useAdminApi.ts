// The admin API bound to this window's server and the signed-in session's current token.
import { useMemo } from 'react';
import { createAdminApi, type AdminApi } from '../admin-api';
import { getHost } from '../../../host';
import { useSessionStore } from '../../session';

export function useAdminApi(): AdminApi {
  const store = useSessionStore();
  return useMemo(() => createAdminApi(getHost().serverUrl, () => store.getState().session?.token ?? ''), [store]);
}
