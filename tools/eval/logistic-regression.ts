/** L2-penalised logistic regression fitted by Newton's method (a few exact steps instead of thousands of gradient ones). */
import type { LogisticModel } from '../../src/answer/scorer-weights.js';

export interface Row {
  x: number[];
  y: 0 | 1;
}

const STEPS = 25;
/** Penalty on the weights (not the bias), as a share of the rows' total weight. */
const L2_SHARE = 0.002;

/** `balanced` weighs the rare positives up so that both classes count alike. */
export function fitLogistic(rows: readonly Row[], names: readonly string[], balanced: boolean): LogisticModel {
  const d = names.length + 1;
  const positives = rows.filter((row) => row.y === 1).length;
  const positiveWeight = balanced && positives > 0 && positives < rows.length ? (rows.length - positives) / positives : 1;
  const totalWeight = rows.reduce((sum, row) => sum + (row.y === 1 ? positiveWeight : 1), 0);
  const lambda = L2_SHARE * totalWeight;
  const beta = new Array<number>(d).fill(0);
  for (let step = 0; step < STEPS; step += 1) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const row of rows) {
      const x = [1, ...row.x];
      const z = x.reduce((sum, value, i) => sum + value * beta[i]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      const weight = row.y === 1 ? positiveWeight : 1;
      for (let i = 0; i < d; i += 1) {
        gradient[i]! += weight * (p - row.y) * x[i]!;
        for (let j = 0; j <= i; j += 1) hessian[i]![j]! += weight * p * (1 - p) * x[i]! * x[j]!;
      }
    }
    for (let i = 0; i < d; i += 1) for (let j = i + 1; j < d; j += 1) hessian[i]![j] = hessian[j]![i]!;
    for (let i = 1; i < d; i += 1) {
      gradient[i]! += lambda * beta[i]!;
      hessian[i]![i]! += lambda;
    }
    hessian[0]![0]! += 1e-9;
    const delta = solve(hessian, gradient);
    let change = 0;
    for (let i = 0; i < d; i += 1) {
      beta[i]! -= delta[i]!;
      change = Math.max(change, Math.abs(delta[i]!));
    }
    if (change < 1e-6) break;
  }
  return { bias: round(beta[0]!), weights: Object.fromEntries(names.map((name, i) => [name, round(beta[i + 1]!)])) };
}

/** Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let column = 0; column < n; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < n; row += 1) if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    const lead = a[column]![column]!;
    if (Math.abs(lead) < 1e-12) continue;
    for (let row = 0; row < n; row += 1) {
      if (row === column) continue;
      const factor = a[row]![column]! / lead;
      if (factor === 0) continue;
      for (let k = column; k <= n; k += 1) a[row]![k]! -= factor * a[column]![k]!;
    }
  }
  return a.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
