// The live practice configuration of the open workspace, and who may edit which kind.
import { emptyPracticeConfig, type PracticeConfig } from '../../../shared/config/practice';
import type { ConfigKind } from '../../../shared/config/schemas';
import { mayEditConfig } from '../../../shared/policy';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { practiceConfig$ } from '../../db/config';
import { useObserved } from '../../ui/hooks/useObservable';

const EMPTY = emptyPracticeConfig();

export function usePracticeConfig(): { config: PracticeConfig; loading: boolean } {
  const { workspace } = useWorkspace();
  const { value, loading } = useObserved(() => practiceConfig$(workspace.db), EMPTY, [workspace]);
  return { config: value, loading };
}

export function useMayEdit(kind: ConfigKind): boolean {
  const { user } = useWorkspace();
  return mayEditConfig(user.roles, kind);
}
