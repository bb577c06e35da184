export * from './api-error.contract';
export * from './auth.contract';
export * from './guild.contract';
export * from './health.contract';
export * from './live.contract';
export * from './player.contract';
export * from './system.contract';
