/** Number formatting shared by the human-readable reporters. Machine formats (json, csv) never use it. */
import type { MetricUnit } from './metric-catalogue.js';

const grouped0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `-` for values that do not apply (NaN, infinite). */
export const NOT_APPLICABLE = '-';

export function formatValue(value: number, unit: MetricUnit): string {
  if (!Number.isFinite(value)) return NOT_APPLICABLE;
  switch (unit) {
    case 'money':
    case 'points':
    case 'count':
      return grouped0.format(Math.round(value) === 0 ? 0 : value);
    case 'share':
    case 'probability':
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'months':
      return value.toFixed(1);
  }
}
