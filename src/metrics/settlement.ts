/**
 * The settlement with a coalition's operator, month by month: what the operator pays the program
 * (reimbursed redemptions for a partner; points sold for the operator itself), what the program
 * pays (points bought and platform fees for a partner; reimbursements for the operator), and the
 * net, each as its distribution over the iterations:
 *     net = partnerPaymentsIn - partnerPaymentsOut
 * (programs/coalition.ts gives the rules; sim/tally.ts the tallies).
 */
import type { SimulationResult } from '../sim/simulation-input.js';
import { Tally, tallyOffset } from '../sim/tally.js';
import { summarize, type MetricSummary } from './summary.js';

export interface SettlementFigures {
  paymentsIn: MetricSummary;
  paymentsOut: MetricSummary;
  net: MetricSummary;
}

export interface Settlement {
  /** Month 1 first. */
  months: SettlementFigures[];
  /** Summed over the horizon. */
  total: SettlementFigures;
}

/** The monthly settlement of program `programIndex` (world programIndex + 1). */
export function programSettlement(result: SimulationResult, programIndex: number): Settlement {
  const shape = { iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths };
  const totalIn = new Float64Array(result.iterations);
  const totalOut = new Float64Array(result.iterations);
  const months: SettlementFigures[] = [];
  for (let month = 0; month < result.horizonMonths; month++) {
    const paymentsIn = new Float64Array(result.iterations);
    const paymentsOut = new Float64Array(result.iterations);
    for (let i = 0; i < result.iterations; i++) {
      const offset = tallyOffset(shape, i, programIndex + 1, month);
      paymentsIn[i] = result.tallies[offset + Tally.partnerPaymentsIn];
      paymentsOut[i] = result.tallies[offset + Tally.partnerPaymentsOut];
      totalIn[i] += paymentsIn[i];
      totalOut[i] += paymentsOut[i];
    }
    months.push(figures(paymentsIn, paymentsOut));
  }
  return { months, total: figures(totalIn, totalOut) };
}

function figures(paymentsIn: Float64Array, paymentsOut: Float64Array): SettlementFigures {
  const net = paymentsIn.map((value, i) => value - paymentsOut[i]);
  return { paymentsIn: summarize(paymentsIn), paymentsOut: summarize(paymentsOut), net: summarize(net) };
}
