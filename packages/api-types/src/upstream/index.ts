// The upstream cloud contract. The web app never imports this entry point.
export * from '../domain';
export * from './common';
export * from './iam';
export * from './insight';
export * from './secmaster';
export * from './roma';
export * from './paths';
