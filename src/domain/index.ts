export * from './errors';
export * from './host-alias';
export * from './hosts-file';
export * from './pod-spec-patch';
export * from './resolve';
export * from './revision-diff';
export * from './validation';
