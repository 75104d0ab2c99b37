/**
 * A quick, certain "no" to "did this test fail earlier?", asked for every passing test once a report has failures.
 *
 * Looking an id up costs most of what a passing test costs: parsers build ids by concatenation, and V8 copies a
 * concatenation into one string before it hashes it (about 0.5 µs: half a second a million tests). The filter keeps
 * one bit per failed test, at a slot made of what costs nothing to read: the lengths of its id and name, and three
 * characters of its name (parsers cut names from the text read, and reading those copies nothing). A rerun reports
 * its failed attempt's id and name, so a test whose bit is clear did not fail earlier; the few whose bit is set are
 * looked up.
 *
 * The bits are one fixed 128 KiB array, made at the first failure: setting and testing one allocates nothing, where
 * a `Set` of numbers grew hash tables (large objects, rehashed as they doubled) with the failures of a huge report.
 */
export class RerunFilter {
  private bits?: Int32Array;
  private empty = true;

  add(id: string, name: string): void {
    const at = slot(id, name);
    (this.bits ??= new Int32Array(SLOTS >>> 5))[at >>> 5]! |= 1 << (at & 31);
    this.empty = false;
  }

  /** `false`: the test did not fail earlier; `true`: it may have, look its id up. */
  mayHave(id: string, name: string): boolean {
    if (this.empty) return false;
    const at = slot(id, name);
    return (this.bits![at >>> 5]! & (1 << (at & 31))) !== 0;
  }

  clear(): void {
    if (this.empty) return;
    this.bits!.fill(0);
    this.empty = true;
  }
}

/** 2^20 slots: 20,000 failures set 2% of them, so a test unlike every failed one is let through 2% of the time. */
const SLOT_BITS = 20;
const SLOTS = 1 << SLOT_BITS;

function slot(id: string, name: string): number {
  const n = name.length;
  let hash = Math.imul(id.length, 0x9e3779b1) ^ n;
  if (n > 0) {
    hash = Math.imul(hash, 31) + name.charCodeAt(n - 1);
    hash = Math.imul(hash, 31) + name.charCodeAt(n >> 1);
    hash = Math.imul(hash, 31) + name.charCodeAt(n > 1 ? n - 2 : 0);
  }
  // The top bits of a multiplicative hash are its best mixed.
  return Math.imul(hash, 0x85ebca6b) >>> (32 - SLOT_BITS);
}
