export * from './benchmarks';
export * from './contract';
export * from './errors';
export * from './events';
export * from './jobs';
export * from './projects';
export * from './system';
export * from './wire';
