// The tour feature's public face: the only file other features and the app import from it.
export { FirstRunTour } from './FirstRunTour';
