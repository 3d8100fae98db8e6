// The build of both Node servers (apps/bff, apps/emulator): one ESM bundle of src/server.ts.
// Plain options, no import: each package passes them to its own tsup's defineConfig.
export const nodeServerBuild = {
  entry: ['src/server.ts'],
  format: ['esm' as const],
  platform: 'node' as const,
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  // Workspace packages are TypeScript source: bundle them in.
  noExternal: [/^@portico\//],
};
