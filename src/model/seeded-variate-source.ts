/**
 * The seeded random numbers of the synthetic-data generators: seedrandom's Alea (53-bit doubles).
 * The same seed gives the same sequence on every platform.
 */
import seedrandom from 'seedrandom';
import type { VariateSource } from './gamma-variates.js';

export class SeededVariateSource implements VariateSource {
  private readonly alea: seedrandom.PRNG;

  constructor(seed: string | number) {
    this.alea = seedrandom.alea(String(seed));
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.alea.double();
  }

  /** A uniform number in (0, 1]: 1 - `next()`. */
  nextUniform(): number {
    return 1 - this.alea.double();
  }

  /**
   * Standard normal by the Box-Muller transform, sqrt(-2 ln U1) cos(2 pi U2) with U1 in (0, 1]
   * and U2 in [0, 1): one of the pair, stateless.
   */
  nextNormal(): number {
    return Math.sqrt(-2 * Math.log(this.nextUniform())) * Math.cos(2 * Math.PI * this.next());
  }
}
