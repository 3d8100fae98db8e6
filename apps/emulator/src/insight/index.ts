import type { EmulatedService } from '../context';
import { seedInsight } from '../seed/seed-insight';
import { insightRoutes } from './routes';
import { insightStateSchema, type InsightState } from './state';

export type { InsightState, InsightResource } from './state';

export const insightService: EmulatedService<InsightState> = {
  name: 'insight',
  seed: (ctx, options) => seedInsight(ctx, options),
  load: (json) => insightStateSchema.parse(json),
  routes: (ctx, state) => insightRoutes(ctx, state),
};
