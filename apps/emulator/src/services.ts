import type { EmulatedService } from './context';
import { iamService } from './iam';
import { insightService } from './insight';
import { romaService } from './roma';
import { secmasterService } from './secmaster';

/** Every service the emulator composes, in mount order. */
export const services = [iamService, insightService, secmasterService, romaService] as const;

// Each service keeps its own state type; the core only passes it back to the same service.
export type AnyService = EmulatedService<unknown>;
