export type * from './adapter';
export type * from './condition';
export type * from './schema';
