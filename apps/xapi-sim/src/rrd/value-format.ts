/** Number formatting of xapi's RRD output (`Utils.f_to_s`): C `%0.15g`, zero as `0.0`, NaN and ±Infinity spelled out. */
export function formatRrdValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return '0.0';
  const [mant, expStr] = v.toExponential(14).split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 15) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = v.toFixed(Math.max(0, 14 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
