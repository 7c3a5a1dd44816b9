/**
 * Customers who exist in one program world only: new customers reaching the business through the
 * program (`arrivalsPerMonth`, a Poisson process per world) and customers brought by members
 * (`referral`, a Poisson process per member while a member and still buying). Their arrival days
 * are listed per world, in order of arrival in the list; the engine simulates them after every
 * customer of the iteration. Their streams are keyed by (seed, iteration, purpose, world), so
 * they touch no other world's random numbers.
 */
import { appendPoissonArrivals } from './arrivals.js';
import { monthOfDay } from './calendar.js';
import { DayList } from './day-list.js';
import { IterationKey, RandomStream, StreamPurpose, worldPurpose } from './random-stream.js';
import { Tally, TALLY_FIELD_COUNT } from './tally.js';
import type { WorldParameters } from './world-parameters.js';

const F = TALLY_FIELD_COUNT;

export class WorldCustomers {
  /** Per world: arrival days of its own customers. */
  readonly arrivals: DayList[];
  /**
   * Per world, for each of its own customers: whose tallies they count in, as the customer who
   * brought them (IterationSimulator's tally targets: 0 the iteration's own, 1 and 2 the customer
   * sample's halves); 0 for arrivals through the program.
   */
  readonly origins: number[][];
  /** Per world: referral stream key of this iteration (null when the world has no referrals). */
  private readonly referralKeys: (IterationKey | null)[];
  private readonly referralStream = new RandomStream();

  constructor(
    private readonly worldCount: number,
    private readonly months: number,
    private readonly horizonDays: number,
    private readonly worlds: WorldParameters,
    /** Per world: the world number its streams are keyed by. */
    private readonly streamWorld: readonly number[],
  ) {
    this.arrivals = Array.from({ length: worldCount }, () => new DayList());
    this.referralKeys = Array.from({ length: worldCount }, () => null);
    this.origins = Array.from({ length: worldCount }, () => []);
  }

  /** Start each world's list with its arrivals through the program (tallied as programArrivals); set the referral keys. */
  prepare(seed: number, iteration: number, tallies: Float64Array): void {
    for (let w = 1; w < this.worldCount; w++) {
      const list = this.arrivals[w];
      list.clear();
      const origins = this.origins[w];
      origins.length = 0;
      const ratePerDay = this.worlds.arrivalsPerDay[w];
      if (ratePerDay > 0) {
        const stream = new RandomStream(new IterationKey(seed, iteration, worldPurpose(StreamPurpose.programArrivals, this.streamWorld[w])), 0);
        appendPoissonArrivals(stream, ratePerDay, 0, this.horizonDays, list);
      }
      for (let j = 0; j < list.length; j++) origins.push(0);
      for (let j = 0; j < list.length; j++) tallies[(w * this.months + monthOfDay(list.at(j), this.months)) * F + Tally.programArrivals] += 1;
      this.referralKeys[w] = this.worlds.referralsPerDay[w] > 0 ? new IterationKey(seed, iteration, worldPurpose(StreamPurpose.referrals, this.streamWorld[w])) : null;
    }
  }

  /**
   * Referrals by member `c` (stream index `source`) of world `w` (rate > 0) during days
   * [from, until), from the member's referral stream: each books the bonus as reward cost and adds
   * a customer to the world's list, counting in the member's tally target `origin`.
   */
  drawReferrals(w: number, source: number, origin: number, from: number, until: number, tallies: Float64Array): void {
    const stream = this.referralStream;
    stream.reset(this.referralKeys[w]!, source);
    const list = this.arrivals[w];
    const first = list.length;
    appendPoissonArrivals(stream, this.worlds.referralsPerDay[w], from, until, list);
    const bonus = this.worlds.referralBonus[w];
    const origins = this.origins[w];
    for (let j = first; j < list.length; j++) {
      origins.push(origin);
      const o = (w * this.months + monthOfDay(list.at(j), this.months)) * F;
      tallies[o + Tally.referrals] += 1;
      tallies[o + Tally.rewardCost] += bonus;
    }
  }
}
