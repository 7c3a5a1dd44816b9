/**
 * The `fit --customers-out` table: per customer the calibration summary (x, t_x, T, monetary value)
 * and the model's predictions (P(alive), expected purchases, expected spend, CLV), 6 significant digits.
 */
import type { CustomerSummaries } from '../data/customer-summary.js';
import type { CustomerPrediction } from '../model/customer-predictions.js';
import { csvField, csvSignificant, csvTable } from './csv-table.js';
import type { Reporter } from './reporter.js';

/** The customers of a fit and the model's prediction for customer `index` (made as the row is written). */
export interface CustomerPredictions {
  summaries: CustomerSummaries;
  prediction(index: number): CustomerPrediction;
}

const PREDICTION_HEADER = [
  'customer_id',
  'x',
  't_x',
  'T',
  'monetary_value',
  'p_alive',
  'expected_purchases_next_period',
  'expected_purchases_horizon',
  'expected_spend',
  'clv',
] as const;

const sixDigits = (value: number) => csvSignificant(value, 6);

export const predictionsCsvReporter: Reporter<CustomerPredictions> = {
  render({ summaries, prediction }) {
    return csvTable(PREDICTION_HEADER, summaries.x.length, (i) => {
      const predicted = prediction(i);
      return [
        csvField(summaries.ids[i]),
        summaries.x[i],
        sixDigits(summaries.tx[i]),
        sixDigits(summaries.T[i]),
        sixDigits(summaries.monetaryValue[i]),
        sixDigits(predicted.probabilityAlive),
        sixDigits(predicted.expectedPurchasesNextPeriod),
        sixDigits(predicted.expectedPurchasesHorizon),
        sixDigits(predicted.expectedSpend),
        sixDigits(predicted.lifetimeValue),
      ];
    });
  },
};
