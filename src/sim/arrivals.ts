/**
 * Arrival days of a Poisson process: new customers, customers reaching the business through a
 * program, customers brought by a member. Gaps are exponential by inverse transform,
 *     day_{k+1} = day_k + E / ratePerDay,   E = -ln U,
 * from the given stream (docs/methods.md section 7).
 */
import type { DayList } from './day-list.js';
import type { RandomStream } from './random-stream.js';

/** Append to `days` the arrivals after `from` and before `until` of a process of `ratePerDay` (> 0). */
export function appendPoissonArrivals(stream: RandomStream, ratePerDay: number, from: number, until: number, days: DayList): void {
  for (let day = from - Math.log(stream.nextUniform()) / ratePerDay; day < until; day -= Math.log(stream.nextUniform()) / ratePerDay) {
    days.push(day);
  }
}
