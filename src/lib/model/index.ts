export * from './types';
export * from './ids';
export * from './catalogue';
export * from './policies';
export * from './factories';
export * from './schema';
export * from './rekey';
export * from './patch';
