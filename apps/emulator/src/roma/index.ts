import type { EmulatedService } from '../context';
import { romaRoutes } from './routes';
import { seedRoma } from './seed';
import type { RomaState } from './state';
import { romaStateSchema } from './state';

export { demoRomaInstanceId } from './demo-instance';
export type { RomaState } from './state';

export const romaService: EmulatedService<RomaState> = {
  name: 'roma',
  seed: (ctx) => seedRoma(ctx),
  load: (json) => romaStateSchema.parse(json),
  routes: (ctx, state) => romaRoutes(ctx, state),
};
