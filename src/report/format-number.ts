/** Number formatting shared by the human-readable reporters. Machine formats (json, csv) never use it. */
import type { MetricUnit } from './metric-catalogue.js';
import type { ReturnRate } from '../data/data-quality.js';

const grouped0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const grouped2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

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

/** Two decimals with grouping, for parameters and small amounts. */
export function formatDecimal(value: number): string {
  return Number.isFinite(value) ? grouped2.format(value) : NOT_APPLICABLE;
}

/** An amount of money as a parameter: grouped whole numbers from 1,000 (5,000), else up to four significant digits (1.5, 0.02). */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return NOT_APPLICABLE;
  return Math.abs(value) >= 1000 ? grouped0.format(value) : formatSignificant(value);
}

/** A whole number with grouping: 12,294. */
export function formatCount(value: number): string {
  return grouped0.format(value);
}

/** A share as a percentage with one decimal: 0.716 -> 71.6%. */
export function formatPercent(share: number): string {
  return Number.isFinite(share) ? `${(100 * share).toFixed(1)}%` : NOT_APPLICABLE;
}

/** Up to four significant digits, without exponent notation for everyday magnitudes: 0.8232, 8.852, 22.34. */
export function formatSignificant(value: number): string {
  if (!Number.isFinite(value)) return NOT_APPLICABLE;
  const text = Number(value.toPrecision(4)).toString();
  return text.includes('e') ? value.toPrecision(4) : text;
}

/** `2.5% (1,234.00 returned of 49,360.00)`: a return rate, then the returned and the purchased value; `none` without returns. */
export function formatReturnRate(returns: ReturnRate): string {
  if (!(returns.rate > 0)) return 'none';
  return `${formatPercent(returns.rate)} (${formatDecimal(returns.returnedValue)} returned of ${formatDecimal(returns.purchasedValue)})`;
}
