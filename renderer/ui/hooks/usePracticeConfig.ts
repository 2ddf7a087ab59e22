// The live practice configuration of the signed-in replica.
import { emptyPracticeConfig, type PracticeConfig } from '../../../shared/config/practice';
import { useWorkspace } from '../../app/WorkspaceContext';
import { practiceConfig$ } from '../../data/config';
import { useObservable } from './useObservable';

const EMPTY = emptyPracticeConfig();

export function usePracticeConfig(): PracticeConfig {
  const { workspace } = useWorkspace();
  return useObservable(() => practiceConfig$(workspace.db), EMPTY, [workspace]);
}
