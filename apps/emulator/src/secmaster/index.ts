import type { EmulatedService } from '../context';
import { secmasterRoutes } from './routes';
import { seedSecmaster } from './seed';
import type { SecmasterState } from './state';
import { secmasterStateSchema } from './state';

export { demoSecmasterWorkspaceId } from './demo-workspace';
export type { SecmasterState } from './state';

export const secmasterService: EmulatedService<SecmasterState> = {
  name: 'secmaster',
  seed: (ctx) => seedSecmaster(ctx),
  load: (json) => secmasterStateSchema.parse(json),
  routes: (ctx, state) => secmasterRoutes(ctx, state),
};
