// The permission policy: data (roles.ts, fields.ts) plus pure functions (read.ts, change.ts).
export * from './roles';
export * from './fields';
export * from './read';
export * from './change';
export * from './config-change';
export * from './notes';
export * from './sign-off';
