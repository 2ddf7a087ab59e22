// The triage feature's public face: the only file other features and the app import from it.
export { TriagePanel } from './TriagePanel';
export { suggest, taskText, triageModel$ } from './triage-model';
