/** A rate between 0 and 1 as a whole percentage: 0.923 → `92%`. */
export function formatPercent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
