import type { CollectionName } from '../../shared/collections';
import type { CollectionHandler } from './handler';
import { configHandler } from './config';
import { rejectionsHandler } from './rejections';
import { tasksHandler } from './tasks';
import { notificationsHandler, preferencesHandler } from './notifications';

// Each handler is typed for its own document; the routes only pass documents through.
export const HANDLERS: Record<CollectionName, CollectionHandler<{ id: string }>> = {
  tasks: tasksHandler as unknown as CollectionHandler<{ id: string }>,
  rejections: rejectionsHandler as unknown as CollectionHandler<{ id: string }>,
  config: configHandler as unknown as CollectionHandler<{ id: string }>,
  notifications: notificationsHandler as unknown as CollectionHandler<{ id: string }>,
  preferences: preferencesHandler as unknown as CollectionHandler<{ id: string }>,
};
