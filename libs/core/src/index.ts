export * from './result';
export * from './domain-events';
