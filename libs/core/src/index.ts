export * from './result';
export * from './domain-error';
export * from './domain-events';
