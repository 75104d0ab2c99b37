/**
 * A whole number with thousands separators, as `toLocaleString('en-US')` writes it (1,000,000), without ICU:
 * the first `toLocaleString` call pages in about 7 MB of ICU data, more than a gate run's own parsing state.
 */
export function formatCount(value: number): string {
  const digits = String(Math.abs(Math.trunc(value)));
  return `${value < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}
