/** Prints one benchmark figure next to its baseline measured in the same run. */
export function printRatio(label: string, measured: number, baseline: number, unit: string, target?: string): void {
  const ratio = measured / baseline;
  const line = `${label}: ${measured.toFixed(2)} ${unit} vs baseline ${baseline.toFixed(2)} ${unit} → ratio ${ratio.toFixed(2)}`;
  console.log(target ? `${line} (target ${target})` : line);
}

/** Median and a percentile of a list of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
