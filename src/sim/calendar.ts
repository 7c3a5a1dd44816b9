/**
 * Simulation time. The engine runs in days from the start of the horizon (day 0 = the day after
 * the calibration period ends); tallies are per month of 365.2425 / 12 days (the mean Gregorian
 * month, the same month as the data layer's `DAYS_PER_PERIOD.month`).
 */
import { DAYS_PER_MONTH } from '../data/calendar.js';

export { DAYS_PER_MONTH, DAYS_PER_YEAR } from '../data/calendar.js';

/** Month index (0-based) of a day inside the horizon. */
export function monthOfDay(day: number, horizonMonths: number): number {
  const month = Math.floor(day / DAYS_PER_MONTH);
  // A day a hair below the horizon end can round to the month after the last one.
  return month < horizonMonths ? month : horizonMonths - 1;
}

/**
 * The horizon's months: ceil(days / DAYS_PER_MONTH), the last one partial when the horizon is not a
 * whole number of months. A horizon within 1e-9 month of a whole number is that whole number (n x
 * DAYS_PER_MONTH divided back gives n only up to rounding).
 */
export function monthsOfHorizon(horizonDays: number): number {
  const months = horizonDays / DAYS_PER_MONTH;
  const whole = Math.round(months);
  return Math.abs(months - whole) < 1e-9 ? whole : Math.ceil(months);
}

/** Whether a horizon of `horizonDays` ends at the end of its last month (it is `months` whole months). */
export function isWholeMonths(horizonDays: number, months: number): boolean {
  return horizonDays === months * DAYS_PER_MONTH;
}
