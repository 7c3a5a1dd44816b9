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
