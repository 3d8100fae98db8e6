export * from './resource-types';
export * from './permission-switches';
