import type { LogisticModel } from './scorer-weights.js';

/** Probability under a logistic model (features it does not name count 0). */
export function logistic(model: LogisticModel, features: Readonly<Record<string, number>>): number {
  let z = model.bias;
  for (const [name, weight] of Object.entries(model.weights)) z += (weight ?? 0) * (features[name] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
