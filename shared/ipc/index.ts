export * from './bootstrap';
export * from './bridge';
export * from './channels';
export * from './schemas';
