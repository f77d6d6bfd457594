/**
 * The capabilities whose routes live in their own modules: app.ts registers each, openapi.ts
 * describes each. Add a module here, nowhere else.
 */
import type { Feature } from './kit.ts';
// feature imports: surveys
import { surveysFeature } from './surveys.ts';
// feature imports: monitoring
import { monitoringFeature } from './monitoring.ts';
// feature imports: consolidation
import { consolidationFeature } from './consolidation.ts';
// feature imports: results
import { results } from './results.ts';
// feature imports: third-party
import { thirdPartyFeature } from './third-party.ts';

export const FEATURES: readonly Feature[] = [
  // features: surveys
  surveysFeature,
  // features: monitoring
  monitoringFeature,
  // features: consolidation
  consolidationFeature,
  // features: results
  results,
  // features: third-party
  thirdPartyFeature,
];
