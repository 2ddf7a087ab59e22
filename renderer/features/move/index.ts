// The move feature's public face: the only file other features and the app import from it.
export { MoveDialog } from './MoveDialog';
export { initialMoveInput } from './move-input';
