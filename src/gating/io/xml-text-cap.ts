/**
 * A streaming pre-filter for saxes that bounds the memory one text node can cost.
 *
 * saxes gathers a whole text node, CDATA section, comment, processing instruction or attribute value
 * before it emits it, so a 100 MB stack trace costs hundreds of MiB however little the parsers keep.
 * This filter passes the first `limit` characters of each such run and drops the rest, leaving the
 * markup untouched, so the document saxes sees is well-formed exactly when the original is (short
 * of errors inside the dropped text, which is never read). It follows markup the way saxes does:
 * quoted attribute values inside tags, comments ending at `--`, CDATA at `]]>`, processing
 * instructions at `?>`, and DOCTYPE internal subsets (passed whole; their quotes, comments and
 * processing instructions may contain `>`).
 *
 * A cut never ends inside an entity reference, between the two halves of a surrogate pair, after a
 * carriage return, or (in a comment) after `-`. Chunks may split anything anywhere: the few
 * characters that cannot be classified yet are carried to the next chunk. The sink hears of each
 * dropped stretch (its newlines and the columns after the last one) so positions can be mapped back
 * to the original file.
 */

export interface TextCapSink {
  /** Text to hand to the parser, in order. */
  write(text: string): void;
  /** Text was dropped here: `lines` line breaks, then `columns` code points (columns after the last break). */
  dropped(lines: number, columns: number): void;
}

const CR = 13;
const LF = 10;
/** The longest valid entity reference: `&#x10FFFF;`. */
const ENTITY_MAX = 10;

type Run = 'text' | 'attribute' | 'cdata' | 'comment' | 'pi';

type Mode = 'run' | 'tag' | 'comment-end' | 'doctype';

type DoctypeState =
  | 'doctype'
  | 'doctype-quote'
  | 'dtd'
  | 'dtd-quote'
  | 'dtd-waka'
  | 'dtd-bang'
  | 'dtd-comment'
  | 'dtd-comment-ending'
  | 'dtd-comment-ended'
  | 'dtd-pi'
  | 'dtd-pi-ending';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const MARKUP_STARTS = ['![CDATA[', '!--', '!DOCTYPE'];
const MARKUP_LONGEST = 8;
const GREATER = 62;
const QUOTE = 34;
const APOSTROPHE = 39;
const BANG = 33;
const QUESTION = 63;

export class XmlTextCap {
  // The state lives in plain fields: a deep report has millions of tags, and an object per state
  // change would be garbage the collector pays for in memory.
  private mode: Mode = 'run';
  private run: Run = 'text';
  /** The quote that ends the attribute value, or the DOCTYPE literal, being read. */
  private quote = '';
  private doctype: DoctypeState = 'doctype';
  private dashes = 0;
  /** Characters of the current run passed so far. */
  private passed = 0;
  /** The current run reached the limit: the rest of it is dropped. */
  private dropping = false;
  private carry = '';
  /** Where the input not yet handed on starts. */
  private from = 0;

  constructor(
    private readonly limit: number,
    private readonly sink: TextCapSink,
  ) {
    if (!(limit >= ENTITY_MAX)) throw new RangeError(`text limit ${limit} is below ${ENTITY_MAX}`);
  }

  /** Feeds the next chunk of the document. */
  push(chunk: string): void {
    let input = this.carry + chunk;
    this.carry = '';
    // Never end a piece on a carriage return or half a surrogate pair: saxes holds those back, and
    // positions are read between pieces.
    const last = input.charCodeAt(input.length - 1);
    let held = '';
    if (last === CR || isHighSurrogate(last)) {
      held = input.slice(-1);
      input = input.slice(0, -1);
    }
    this.from = 0;
    const stop = this.process(input, false);
    this.passTo(input, stop);
    this.carry = input.slice(stop) + held;
  }

  /** Feeds what was held back; call once after the last chunk. */
  end(): void {
    const input = this.carry;
    this.carry = '';
    this.from = 0;
    this.process(input, true);
    this.passTo(input, input.length);
  }

  /** Hands the parser `input[from, to)`: everything not dropped passes unchanged, in as few pieces as possible. */
  private passTo(input: string, to: number): void {
    if (to > this.from) this.sink.write(this.from === 0 && to === input.length ? input : input.slice(this.from, to));
    this.from = to;
  }

  private startRun(run: Run, quote = ''): void {
    this.mode = 'run';
    this.run = run;
    this.quote = quote;
    this.passed = 0;
    this.dropping = false;
  }

  /** Processes `input` from the start; returns where it stopped (the rest is carried). */
  private process(input: string, final: boolean): number {
    let i = 0;
    const n = input.length;
    while (i < n) {
      const mode = this.mode;
      if (mode === 'run') {
        const next = this.runStep(input, i, final, this.run, this.quote);
        if (next < 0) return -next - 1;
        i = next;
      } else if (mode === 'tag') {
        i = this.tags(input, i);
      } else if (mode === 'comment-end') {
        // saxes ends a comment at `--` and then wants `>` (anything else is an error).
        this.startRun(input.charCodeAt(i) === GREATER ? 'text' : 'comment');
        i += 1;
      } else {
        while (i < n && this.mode === 'doctype') this.doctypeChar(input[i++]!);
      }
    }
    return n;
  }

  /**
   * Inside a tag: goes on to its end, and on through what follows as long as it is plain markup, so
   * the bulk of a report takes one loop. Quoted values, and text up to the next tag, that end in this
   * input below the limit pass whole here (the runs they would start pass them unchanged); anything
   * else starts its run. Returns the index to go on from.
   */
  private tags(input: string, i: number): number {
    const n = input.length;
    let j = i;
    for (;;) {
      let c = 0;
      while (j < n && (c = input.charCodeAt(j)) !== GREATER && c !== QUOTE && c !== APOSTROPHE) j += 1;
      if (j >= n) return n;
      if (c === GREATER) {
        const open = input.indexOf('<', j + 1);
        const next = open === -1 ? NaN : input.charCodeAt(open + 1);
        // Comments, CDATA, processing instructions and a `<` at the very end take the general way.
        if (open === -1 || open - (j + 1) >= this.limit || next === BANG || next === QUESTION || Number.isNaN(next)) {
          this.startRun('text');
          return j + 1;
        }
        j = open + 1;
      } else {
        const quote = c === QUOTE ? '"' : "'";
        const close = input.indexOf(quote, j + 1);
        if (close === -1 || close - (j + 1) >= this.limit) {
          this.startRun('attribute', quote);
          return j + 1;
        }
        j = close + 1;
      }
    }
  }

  /**
   * Handles the current run from `i` to its end or the end of the input. Returns the index to go on
   * from, or `-(stop + 1)` to stop there and carry the rest.
   */
  private runStep(input: string, i: number, final: boolean, run: Run, quote: string | undefined): number {
    const n = input.length;
    const terminator =
      run === 'text' ? '<' : run === 'attribute' ? quote! : run === 'cdata' ? ']]>' : run === 'comment' ? '--' : '?>';
    const at = input.indexOf(terminator, i);
    let end = at === -1 ? n : at;
    if (at === -1 && !final) {
      // Hold back what may be the start of the terminator, or of an entity reference, for the next chunk.
      if (terminator.length > 1) {
        let keep = 0;
        while (keep < terminator.length - 1 && end - keep > i && input[end - keep - 1] === terminator[0]) keep += 1;
        end -= keep;
      }
      if (run === 'text' || run === 'attribute') {
        const amp = input.lastIndexOf('&', end - 1);
        if (amp >= i && amp >= end - ENTITY_MAX && input.indexOf(';', amp) === -1) end = amp;
      }
    }
    this.region(input, i, end, run);
    if (at === -1) return end === n ? n : -(end + 1);
    // The terminator: pass it and move on.
    if (run === 'text') return this.markupStart(input, at, final);
    const next = at + terminator.length;
    if (run === 'attribute') this.mode = 'tag';
    else if (run === 'comment') this.mode = 'comment-end';
    else this.startRun('text');
    return next;
  }

  /** At a `<` in text: decides what markup starts here. */
  private markupStart(input: string, at: number, final: boolean): number {
    const next = input.charCodeAt(at + 1);
    if (next === BANG) {
      const match = MARKUP_STARTS.find((start) => input.startsWith(start, at + 1));
      // Too little is left to tell: carry it to the next chunk.
      if (!match && !final && at + 1 + MARKUP_LONGEST > input.length) {
        const after = input.slice(at + 1);
        if (MARKUP_STARTS.some((start) => start.startsWith(after))) return -(at + 1);
      }
      if (match === '![CDATA[') this.startRun('cdata');
      else if (match === '!--') this.startRun('comment');
      else if (match === '!DOCTYPE') {
        this.mode = 'doctype';
        this.doctype = 'doctype';
      } else this.mode = 'tag'; // saxes refuses it
      return at + 1 + (match?.length ?? 0);
    }
    if (Number.isNaN(next) && !final) return -(at + 1);
    if (next === QUESTION) {
      this.startRun('pi');
      return at + 2;
    }
    this.mode = 'tag';
    return at + 1;
  }

  /** Passes `input[from, to)`, part of the current run, up to the limit; drops the rest. */
  private region(input: string, from: number, to: number, run: Run): void {
    if (to <= from) return;
    if (this.dropping) {
      this.drop(input, from, to);
      return;
    }
    const room = this.limit - this.passed;
    if (to - from < room) {
      this.passed += to - from;
      return;
    }
    let cut = from + room;
    if (run === 'text' || run === 'attribute') {
      // Not inside an entity reference.
      const amp = input.lastIndexOf('&', cut - 1);
      if (amp >= from && amp > input.lastIndexOf(';', cut - 1)) cut = amp;
    }
    const before = input.charCodeAt(cut - 1);
    if (cut > from && (before === CR || isHighSurrogate(before) || (run === 'comment' && before === 45))) cut -= 1;
    this.passed += cut - from;
    this.dropping = true;
    this.drop(input, cut, to);
  }

  private drop(input: string, from: number, to: number): void {
    if (to <= from) return;
    this.passTo(input, from);
    this.from = to;
    let lines = 0;
    let columns = 0;
    for (let i = from; i < to; i++) {
      const code = input.charCodeAt(i);
      if (code === LF) {
        lines += 1;
        columns = 0;
      } else if (code === CR) {
        lines += 1;
        columns = 0;
        if (input.charCodeAt(i + 1) === LF && i + 1 < to) i += 1;
      } else if (!(isLowSurrogate(code) && i > from && isHighSurrogate(input.charCodeAt(i - 1)))) {
        columns += 1;
      }
    }
    this.sink.dropped(lines, columns);
  }

  /** A DOCTYPE, passed whole and followed one character at a time the way saxes follows it, to find where it ends. */
  private doctypeChar(c: string): void {
    const isQuote = c === '"' || c === "'";
    switch (this.doctype) {
      case 'doctype':
        if (c === '>') this.startRun('text');
        else if (c === '[') this.doctype = 'dtd';
        else if (isQuote) this.enterDoctype('doctype-quote', c);
        break;
      case 'doctype-quote':
        if (c === this.quote) this.doctype = 'doctype';
        break;
      case 'dtd':
        if (c === ']') this.doctype = 'doctype';
        else if (c === '<') this.doctype = 'dtd-waka';
        else if (isQuote) this.enterDoctype('dtd-quote', c);
        break;
      case 'dtd-quote':
        if (c === this.quote) this.doctype = 'dtd';
        break;
      case 'dtd-waka':
        this.doctype = c === '!' ? 'dtd-bang' : c === '?' ? 'dtd-pi' : 'dtd';
        this.dashes = 0;
        break;
      case 'dtd-bang':
        // `<!-` then `-` opens a comment; anything else is a declaration.
        if (c === '-' && this.dashes === 0) this.dashes = 1;
        else this.doctype = c === '-' ? 'dtd-comment' : 'dtd';
        break;
      case 'dtd-comment':
        if (c === '-') this.doctype = 'dtd-comment-ending';
        break;
      case 'dtd-comment-ending':
        this.doctype = c === '-' ? 'dtd-comment-ended' : 'dtd-comment';
        break;
      case 'dtd-comment-ended':
        this.doctype = c === '>' ? 'dtd' : 'dtd-comment';
        break;
      case 'dtd-pi':
        if (c === '?') this.doctype = 'dtd-pi-ending';
        break;
      case 'dtd-pi-ending':
        // saxes ends a processing instruction in a DTD at the first `>` after a `?`.
        if (c === '>') this.doctype = 'dtd';
        break;
    }
  }

  private enterDoctype(state: DoctypeState, quote: string): void {
    this.doctype = state;
    this.quote = quote;
  }
}
