/** intstr.GetScaledValueFromIntOrPercent, as the rollout maths uses it. */

/** An int, or a percentage of `total` rounded up or down. Throws on a malformed value. */
export function scaledValue(v: number | string | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const n = Number.parseInt(v.slice(0, -1), 10);
  if (Number.isNaN(n)) throw new Error(`invalid value for IntOrString: invalid value "${v}"`);
  const x = (n * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
