// The update feature's public face: the only file other features and the app import from it.
export { RestartToUpdate, WorkspaceRestartToUpdate } from './RestartToUpdate';
export { UpdateRequiredBanner } from './UpdateRequiredBanner';
