/**
 * A quick, certain "no" to "did this test fail earlier?", asked for every passing test once a report has failures.
 *
 * Looking an id up costs most of what a passing test costs: parsers build ids by concatenation, and V8 copies a
 * concatenation into one string before it hashes it (about 0.5 µs: half a second a million tests). The filter keeps
 * one number per failed test made of what costs nothing to read: the lengths of its id and name, and three
 * characters of its name (parsers cut names from the text read, and reading those copies nothing). A rerun reports
 * its failed attempt's id and name, so a test whose number is not kept did not fail earlier; the few whose number
 * is kept are looked up.
 */
export class RerunFilter {
  private readonly keys = new Set<number>();

  add(id: string, name: string): void {
    this.keys.add(key(id, name));
  }

  /** `false`: the test did not fail earlier; `true`: it may have, look its id up. */
  mayHave(id: string, name: string): boolean {
    return this.keys.has(key(id, name));
  }

  clear(): void {
    this.keys.clear();
  }
}

function key(id: string, name: string): number {
  const n = name.length;
  let hash = Math.imul(id.length, 0x9e3779b1) ^ n;
  if (n > 0) {
    hash = Math.imul(hash, 31) + name.charCodeAt(n - 1);
    hash = Math.imul(hash, 31) + name.charCodeAt(n >> 1);
    hash = Math.imul(hash, 31) + name.charCodeAt(n > 1 ? n - 2 : 0);
  }
  // A small integer, which a Set hashes without allocating.
  return hash & 0x3fffffff;
}
