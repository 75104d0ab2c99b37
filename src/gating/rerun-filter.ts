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
 * Names repeat from suite to suite (`returns 404 #3` in every API class), so that slot alone lets through a test
 * of another class that shares a failed test's name. A parser that builds ids as `owner.name` knows the owner
 * already and can hash it once per owner (`prefixKey`): a second, finer slot mixes that in, so only a test of the
 * same owner and name is looked up. It is used only while every failure recorded had a prefix key, and only for
 * tests that have one.
 *
 * The bits are fixed 128 KiB arrays, made at the first failure: setting and testing one allocates nothing, where
 * a `Set` of numbers grew hash tables (large objects, rehashed as they doubled) with the failures of a huge report.
 */
export class RerunFilter {
  private coarse?: Int32Array;
  private fine?: Int32Array;
  private empty = true;
  /** Every failure added since `clear` came with a prefix key: the fine slots alone can answer. */
  private allFine = true;

  add(id: string, name: string, prefix?: number): void {
    const hash = nameHash(id.length, name);
    set((this.coarse ??= new Int32Array(SLOTS >>> 5)), slot(hash));
    if (prefix === undefined) this.allFine = false;
    else set((this.fine ??= new Int32Array(SLOTS >>> 5)), slot(hash ^ Math.imul(prefix, 0x27d4eb2f)));
    this.empty = false;
  }

  /**
   * `false`: the test did not fail earlier; `true`: it may have, look its id up. Only the id's length is read, so it
   * can be asked before the id is made. `prefix` is `prefixKey(id, name)`,
   * when the parser has it at hand.
   */
  mayHave(idLength: number, name: string, prefix?: number): boolean {
    if (this.empty) return false;
    const hash = nameHash(idLength, name);
    return prefix !== undefined && this.allFine
      ? isSet(this.fine!, slot(hash ^ Math.imul(prefix, 0x27d4eb2f)))
      : isSet(this.coarse!, slot(hash));
  }

  clear(): void {
    if (this.empty) return;
    this.coarse?.fill(0);
    this.fine?.fill(0);
    this.empty = true;
    this.allFine = true;
  }
}

/**
 * The prefix key of a test: a hash of its id without its name's length of characters at the end (`owner.` of an
 * `owner.name` id, nothing when the id is the name). A parser may compute it by `extendKey(extendKey(PREFIX_SEED,
 * owner), '.')`, once per owner; this is what it must equal.
 */
export function prefixKey(id: string, name: string): number {
  return extendKey(PREFIX_SEED, id, Math.max(0, id.length - name.length));
}

export const PREFIX_SEED = 0x811c9dc5 | 0;

/** `key` followed by the first `length` characters of `text` (all of them by default). */
export function extendKey(key: number, text: string, length = text.length): number {
  let hash = key;
  for (let i = 0; i < length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** 2^20 slots: 20,000 failures set 2% of them, so a test unlike every failed one is let through 2% of the time. */
const SLOT_BITS = 20;
const SLOTS = 1 << SLOT_BITS;

const set = (bits: Int32Array, at: number) => {
  bits[at >>> 5]! |= 1 << (at & 31);
};
const isSet = (bits: Int32Array, at: number) => (bits[at >>> 5]! & (1 << (at & 31))) !== 0;

function nameHash(idLength: number, name: string): number {
  const n = name.length;
  let hash = Math.imul(idLength, 0x9e3779b1) ^ n;
  if (n > 0) {
    hash = Math.imul(hash, 31) + name.charCodeAt(n - 1);
    hash = Math.imul(hash, 31) + name.charCodeAt(n >> 1);
    hash = Math.imul(hash, 31) + name.charCodeAt(n > 1 ? n - 2 : 0);
  }
  return hash;
}

/** The top bits of a multiplicative hash are its best mixed. */
const slot = (hash: number) => Math.imul(hash, 0x85ebca6b) >>> (32 - SLOT_BITS);
