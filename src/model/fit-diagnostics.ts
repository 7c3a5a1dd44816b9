/**
 * What a maximum-likelihood fit says about itself besides its estimates: how the optimiser ended
 * (iterations, gradient norm, converged) and which parameters ran off towards 0 or infinity.
 * Shared by the BG/NBD and Gamma-Gamma fitters (docs/methods.md section 6, "Fit diagnostics").
 */

/**
 * Log-parameters this far from 0 (parameters outside e^-15 .. e^15, about 3e-7 .. 3e6) mean a
 * parameter ran off towards 0 or infinity: the likelihood keeps rising towards a boundary the data
 * cannot rule out (e.g. r grows without bound when every customer buys at the same rate).
 */
export const LOG_PARAMETER_LIMIT = 15;

/** A parameter that ran off to a boundary of its range, and which one. */
export interface ParameterAtBound {
  parameter: string;
  towards: 'zero' | 'infinity';
}

/** The parameters whose log-value is beyond +-LOG_PARAMETER_LIMIT, in the order given. */
export function parametersAtBound(names: readonly string[], logParameters: ArrayLike<number>): ParameterAtBound[] {
  const result: ParameterAtBound[] = [];
  names.forEach((parameter, i) => {
    const value = logParameters[i];
    if (value > LOG_PARAMETER_LIMIT) result.push({ parameter, towards: 'infinity' });
    else if (value < -LOG_PARAMETER_LIMIT) result.push({ parameter, towards: 'zero' });
  });
  return result;
}

/** "a ran off towards 0, b towards infinity: the data cannot pin them down". */
export function boundMessageOf(atBound: readonly ParameterAtBound[]): string {
  const parts = atBound.map(({ parameter, towards }, i) => `${i === 0 ? `${parameter} ran off` : parameter} towards ${towards === 'zero' ? '0' : 'infinity'}`);
  return `${parts.join(', ')}: the data cannot pin ${atBound.length > 1 ? 'them' : 'it'} down`;
}

/** Euclidean norm of a gradient. */
export function gradientNorm(gradient: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < gradient.length; i++) sum += gradient[i] * gradient[i];
  return Math.sqrt(sum);
}
