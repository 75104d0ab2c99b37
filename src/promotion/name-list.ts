/** `a, b, c and 4 more`: names for a one-line message, at most `max` of them spelt out. */
export function nameList(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
