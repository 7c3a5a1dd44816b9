/** The customer model's samplers live in model/sampling.ts; re-exported for the simulation's callers. */
export { sampleBeta, sampleGamma, sampleLogStandardGamma, sampleStandardGamma, StandardGammaSampler } from '../model/sampling.js';
