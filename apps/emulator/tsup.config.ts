import { defineConfig } from 'tsup';
import { nodeServerBuild } from '../../tsup.node-server';

export default defineConfig(nodeServerBuild);
