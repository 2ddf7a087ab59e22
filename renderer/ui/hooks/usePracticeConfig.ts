// The live practice configuration of the signed-in replica.
import { emptyPracticeConfig, type PracticeConfig } from '../../../shared/config/practice';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { practiceConfig$ } from '../../db/config';
import { useObservable } from './useObservable';

const EMPTY = emptyPracticeConfig();

export function usePracticeConfig(): PracticeConfig {
  const { workspace } = useWorkspace();
  return useObservable(() => practiceConfig$(workspace.db), EMPTY, [workspace]);
}
