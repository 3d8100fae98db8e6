// The BFF contract, shared by the BFF and the web app, plus the domain vocabulary both use.
export * from './domain';
export * from './bff';
export * from './http';
