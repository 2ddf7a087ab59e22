// Gives board components the open workspace and the signed-in user.
import { createContext, useContext } from 'react';
import type { PublicUser } from '../../shared/wire';
import type { Actor } from '../db/tasks';
import type { Workspace } from './workspace';

export interface WorkspaceValue {
  workspace: Workspace;
  user: PublicUser;
  actor: Actor;
  locationId: string;
}

export const WorkspaceContext = createContext<WorkspaceValue | null>(null);

export function useWorkspace(): WorkspaceValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside a signed-in workspace');
  return value;
}
