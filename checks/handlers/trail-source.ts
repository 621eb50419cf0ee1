import type { TrailLocation } from '../collect/trail-archive';
import { optionalEnv, requireEnv } from './environment';

/** Where the deployed trail archives its files, and which regions' management events to read. */
export function trailSource(env: NodeJS.ProcessEnv = process.env): { trail: TrailLocation; regions: string[] } {
  const regions = requireEnv('AUDIT_REGIONS', env).split(',').map((r) => r.trim()).filter(Boolean);
  return { trail: { bucket: requireEnv('TRAIL_BUCKET', env), prefix: optionalEnv('TRAIL_PREFIX', env) ?? '' }, regions };
}
