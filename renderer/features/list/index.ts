// The list feature's public face: the only file other features and the app import from it.
export { ListView } from './ListView';
export { SlaListView } from './SlaListView';
