import type { forecastCategories } from '../entities/pipeline';

/**
 * Where a forecast counts a deal: `pipeline`, `best_case`, `commit`, `closed` (won) or `omitted` (lost,
 * or left out of the forecast). A stage names its category; without one it follows the stage's kind.
 */
export type ForecastCategory = (typeof forecastCategories)[number];
