/** The customer-model samplers the engine draws with (one implementation, in model/gamma-variates.ts). */
export { sampleBeta, sampleGamma, sampleLogStandardGamma, sampleStandardGamma, StandardGammaSampler } from '../model/gamma-variates.js';
