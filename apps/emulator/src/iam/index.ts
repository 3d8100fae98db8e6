import type { EmulatedService } from '../context';
import { iamRoutes } from './routes';
import { seedIam } from './seed';
import { iamStateSchema, type IamState } from './state';

export type { IamState } from './state';
export { verifyToken } from './tokens';

export const iamService: EmulatedService<IamState> = {
  name: 'iam',
  seed: () => seedIam(),
  load: (json) => iamStateSchema.parse(json),
  routes: (ctx, state) => iamRoutes(ctx, state),
};
