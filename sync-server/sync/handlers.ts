import type { CollectionName } from '../../shared/collections';
import type { CollectionHandler } from './handler';
import { configHandler } from './config';
import { rejectionsHandler } from './rejections';
import { tasksHandler } from './tasks';
import { notificationsHandler, preferencesHandler } from './notifications';

// Each handler is typed for its own document; the routes only pass documents through.
export const HANDLERS: Record<CollectionName, CollectionHandler<{ id: string }>> = {
  tasks: tasksHandler,
  rejections: rejectionsHandler,
  config: configHandler,
  notifications: notificationsHandler,
  preferences: preferencesHandler,
};
