/** Where the bench page finds the first sign-in's bootstrap worker (renderer/sync/bootstrap.worker.ts), bundled beside it. */
export const BOOTSTRAP_WORKER = 'bootstrap-worker.js';
