export const id = 588;
export const ids = [588];
export const modules = {

/***/ 2588:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runGate: () => (/* binding */ runGate)
});

// EXTERNAL MODULE: ./src/runtime/inputs.ts
var runtime_inputs = __webpack_require__(2291);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/runtime/errors.ts
var errors = __webpack_require__(9541);
;// CONCATENATED MODULE: ./src/gating/io/find-reports.ts




const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
function walk(dir, visit) {
    let entries;
    try {
        entries = (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true });
    }
    catch {
        return;
    }
    for (const entry of entries) {
        const path = (0,external_node_path_.join)(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name))
                walk(path, visit);
        }
        else if (entry.isFile())
            visit(path);
    }
}
/**
 * Files matching any of the globs (relative to `cwd`, or absolute; `!glob` excludes), sorted.
 * `.git` and `node_modules` are only searched when a glob's fixed part points into them.
 */
function findFiles(globs, cwd) {
    const include = globs.filter((glob) => !glob.startsWith('!'));
    const exclude = globs.filter((glob) => glob.startsWith('!')).map((glob) => picomatch_default()(glob.slice(1), { dot: true }));
    const found = new Set();
    for (const glob of include) {
        const absolute = (0,external_node_path_.isAbsolute)(glob) ? glob : (0,external_node_path_.resolve)(cwd, glob);
        const { base, isGlob } = picomatch_default().scan(absolute);
        const keep = (file) => {
            const rel = (0,external_node_path_.relative)(cwd, file);
            if (!exclude.some((matches) => matches(rel) || matches(file)))
                found.add(file);
        };
        if (!isGlob) {
            if ((0,external_node_fs_.statSync)(absolute, { throwIfNoEntry: false })?.isFile())
                keep(absolute);
            continue;
        }
        const matches = picomatch_default()(absolute, { dot: true });
        walk(base || '/', (file) => {
            if (matches(file))
                keep(file);
        });
    }
    return [...found].sort();
}
/** Like findFiles, but no match is a mistake worth one clear line. */
function findReports(globs, cwd, what = 'test report', input = 'reports') {
    const files = findFiles(globs, cwd);
    if (files.length === 0) {
        throw new errors/* UserError */.yo(`No ${what} matched ${globs.map((glob) => JSON.stringify(glob)).join(', ')} in ${cwd}. Check the '${input}' globs and that the test step wrote its reports before this step.`);
    }
    return files;
}

;// CONCATENATED MODULE: ./src/gating/quarantine.ts

/** Quarantine entries are exact test ids or picomatch globs, matched against the id and the bare name. */
function quarantineMatcher(entries) {
    if (entries.length === 0)
        return () => false;
    const exact = new Set(entries);
    const globs = entries.map((entry) => picomatch_default()(entry, { dot: true }));
    return (test) => exact.has(test.id) || exact.has(test.name) || globs.some((glob) => glob(test.id) || glob(test.name));
}

;// CONCATENATED MODULE: ./src/gating/collector.ts

/** Failed test ids remembered to spot a rerun that passed in a later file; bounded for huge failing runs. */
const FAILED_IDS_CAP = 100_000;
const OTHER_SUITES = '(other suites)';
/**
 * A copy of `text` holding only its own characters, for strings kept beyond the test they came with.
 * What parsers cut from the stream are V8 views (sliced strings) into the 64 KiB chunk read, and ids
 * are concatenations of such views: keeping one keeps its whole chunk, so with failures all through
 * a million-test report the whole file stayed in memory. Slicing a concatenation flattens it into a
 * fresh string first, and that string is all the result refers to.
 */
const own = (text) => ` ${text}`.slice(1);
/** A listed test whose strings are its own (see `own`); absent fields stay absent. */
const ownListed = (test) => Object.fromEntries(Object.entries(test).map(([key, value]) => [key, typeof value === 'string' ? own(value) : value]));
/**
 * Counts every test case of one gate run and keeps only what a summary shows: the first failures,
 * flaky and quarantined tests, and per-suite totals. Memory does not grow with the number of passing tests.
 */
class ResultCollector {
    options;
    totals = { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0, quarantined: 0 };
    failures = [];
    flaky = [];
    quarantined = [];
    files = [];
    suites = new Map();
    failedIds = new Map();
    /** Lowest file index in `failedIds` (never raised): until a later file, no passing test can be a rerun. */
    firstFailedFile = Infinity;
    /** The suite of the previous test, under the name it was asked by. */
    lastSuite;
    isQuarantined;
    maxListed;
    maxSuites;
    constructor(options = {}) {
        this.options = options;
        this.isQuarantined = quarantineMatcher(options.quarantine ?? []);
        this.maxListed = options.maxListed ?? 100;
        this.maxSuites = options.maxSuites ?? 500;
    }
    /** A sink for the test cases of one report file. */
    beginFile(reportFile, format) {
        const fileIndex = this.files.length;
        const entry = { file: reportFile, format, tests: 0 };
        this.files.push(entry);
        return (test) => {
            entry.tests += 1;
            this.add(test, reportFile, fileIndex);
        };
    }
    suiteTotals() {
        return [...this.suites.values()];
    }
    /** Makes a `ListedTest` only for what sees or keeps one: most tests are just counted. */
    add(test, reportFile, fileIndex) {
        this.options.onTest?.({ ...test, reportFile });
        if (test.status === 'passed' && this.rerunPassed(test, reportFile, fileIndex))
            return;
        const kind = test.status === 'failed' || test.status === 'errored' ? (this.isQuarantined(test) ? 'quarantined' : test.status) : test.status;
        this.totals.total += 1;
        this.totals[kind] += 1;
        const suite = this.suite(test.suite);
        suite.total += 1;
        suite.durationMs += test.durationMs ?? 0;
        if (kind === 'skipped')
            suite.skipped += 1;
        else if (kind === 'passed' || kind === 'flaky')
            suite.passed += 1;
        else
            suite.failed += 1;
        if (kind === 'failed' || kind === 'errored' || kind === 'quarantined') {
            this.list(kind === 'quarantined' ? this.quarantined : this.failures, { ...test, reportFile });
            if (this.failedIds.size < FAILED_IDS_CAP) {
                this.failedIds.set(own(test.id), { fileIndex, kind, suite: suite.name });
                this.firstFailedFile = Math.min(this.firstFailedFile, fileIndex);
            }
        }
        else if (kind === 'flaky') {
            this.list(this.flaky, { ...test, reportFile });
        }
    }
    /** A test that failed in an earlier file and passes now was rerun: it counts once, as flaky. */
    rerunPassed(test, reportFile, fileIndex) {
        // Saves a map look-up per passing test, the bulk of a report, when no earlier file failed.
        if (this.firstFailedFile >= fileIndex)
            return false;
        const earlier = this.failedIds.get(test.id);
        if (!earlier || earlier.fileIndex >= fileIndex)
            return false;
        this.failedIds.delete(test.id);
        this.totals[earlier.kind] -= 1;
        this.totals.flaky += 1;
        const suite = this.suites.get(earlier.suite);
        if (suite) {
            suite.failed -= 1;
            suite.passed += 1;
        }
        const listed = earlier.kind === 'quarantined' ? this.quarantined : this.failures;
        const index = listed.findIndex((item) => item.id === test.id);
        const failure = index >= 0 ? listed.splice(index, 1)[0] : undefined;
        this.list(this.flaky, { ...test, reportFile, status: 'flaky', message: failure?.message, details: failure?.details, file: test.file ?? failure?.file, line: test.line ?? failure?.line });
        return true;
    }
    list(target, test) {
        if (target.length < this.maxListed)
            target.push(ownListed(test));
    }
    suite(name) {
        // Parsers hand every test of a suite the same name string: a pointer compare spares a map look-up.
        if (name === this.lastSuite?.asked)
            return this.lastSuite.suite;
        const suite = this.suiteNamed(name);
        this.lastSuite = { asked: name, suite };
        return suite;
    }
    suiteNamed(name) {
        const known = this.suites.get(name);
        if (known)
            return known;
        const key = this.suites.size < this.maxSuites ? name : OTHER_SUITES;
        let suite = this.suites.get(key);
        if (!suite) {
            suite = { name: own(key), total: 0, passed: 0, failed: 0, skipped: 0, durationMs: 0 };
            this.suites.set(suite.name, suite);
        }
        return suite;
    }
}

// EXTERNAL MODULE: ./node_modules/saxes/saxes.js
var saxes = __webpack_require__(9800);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/gating/formats/detect-format.ts


/** Enough of a file to get past an XML prolog with a long licence comment. */
const SNIFF_BYTES = 64 * 1024;
const XML_ROOTS = {
    testsuites: 'junit',
    testsuite: 'junit',
    TestRun: 'trx',
    'test-run': 'nunit',
    coverage: 'cobertura',
};
/** Reads the first bytes of a file as text, without a byte-order mark. */
async function readHead(file, bytes = SNIFF_BYTES) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    }
    finally {
        await handle.close();
    }
}
/** `line:column` (1-based) of an index in text. */
function positionOf(text, index) {
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    return `${line}:${index - before.lastIndexOf('\n')}`;
}
/**
 * Refuses XML whose DOCTYPE has an internal subset: its entity declarations could read local files (XXE)
 * or expand without bound. A bare `<!DOCTYPE coverage SYSTEM "...dtd">` (istanbul's Cobertura) declares
 * nothing and is read safely: no DTD is ever fetched, and an undeclared entity is an error.
 */
function refuseDoctype(file, position) {
    throw new errors/* UserError */.yo(`${file}:${position}: has a DOCTYPE with entity declarations, which a test report never needs; it is refused so that no entity is expanded (XXE, "billion laughs"). Remove the DOCTYPE.`);
}
/** Whether a DOCTYPE (from `<!DOCTYPE` on) declares anything: an internal subset in brackets. */
function doctypeDeclares(doctype) {
    const end = doctype.search(/[[>]/);
    return end !== -1 && doctype[end] === '[';
}
/** Detects a report's format from its content, never its name. */
function detectFormat(file, head) {
    const text = head.trimStart();
    if (text.startsWith('<'))
        return detectXml(file, head);
    if (text.startsWith('{') || text.startsWith('[')) {
        const json = detectJson(text);
        if (json)
            return json;
    }
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    if (/^(TAP version \d+|1\.\.\d+|(not )?ok\b|# Subtest:)/.test(firstLine))
        return 'tap';
    if (/^(TN|SF):/.test(firstLine))
        return 'lcov';
    if (text === '')
        throw new errors/* UserError */.yo(`${file}: is empty, so it is not a test report. Check that the test step wrote it completely.`);
    throw new errors/* UserError */.yo(`${file}:1:1: is not a test report this gate reads (JUnit XML, TRX, NUnit 3, TAP, go test -json, mocha/RSpec/Dart JSON, LCOV or Cobertura); it starts with ${JSON.stringify(firstLine.slice(0, 40))}.`);
}
function detectXml(file, head) {
    const withoutComments = head.replace(/<!--[\s\S]*?(-->|$)/g, (comment) => comment.replace(/[^\n]/g, ' '));
    const doctype = /<!DOCTYPE/i.exec(withoutComments);
    const root = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(withoutComments);
    if (doctype && (!root || doctype.index < root.index) && doctypeDeclares(withoutComments.slice(doctype.index)))
        refuseDoctype(file, positionOf(head, doctype.index));
    if (!root && Buffer.byteLength(head) >= SNIFF_BYTES - 4)
        throw new RootBeyondHead();
    return formatOfRoot(file, root?.[2], root ? positionOf(head, root.index) : '1:1');
}
/** The prolog (comments, a licence header) is longer than the sniffed head: the root must be streamed to. */
class RootBeyondHead extends Error {
}
/** The format an XML root element stands for, or a one-line refusal. */
function formatOfRoot(file, root, where) {
    const format = root ? XML_ROOTS[root] : undefined;
    if (format)
        return format;
    const found = root ? `its root element is <${root}>` : 'no root element was found';
    throw new errors/* UserError */.yo(`${file}:${where}: is XML but not a test report: ${found}; expected <testsuites>, <testsuite>, <TestRun>, <test-run> or <coverage>.`);
}
function detectJson(text) {
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    try {
        const event = JSON.parse(firstLine);
        if (event && typeof event === 'object' && !Array.isArray(event)) {
            if ('Action' in event)
                return 'go-test-json';
            if ('protocolVersion' in event || ('type' in event && 'time' in event))
                return 'dart-json';
        }
    }
    catch {
        // not one event per line: a whole-document report
    }
    const firstKey = /^\{\s*"([^"]+)"/.exec(text)?.[1];
    if (firstKey === 'stats')
        return 'mocha-json';
    if (firstKey === 'version' && /"examples"\s*:/.test(text))
        return 'rspec-json';
    if (/"examples"\s*:/.test(text) && /"full_description"|"summary_line"|"example_count"/.test(text))
        return 'rspec-json';
    if (/"stats"\s*:/.test(text) && /"passes"|"pending"|"failures"/.test(text))
        return 'mocha-json';
    return undefined;
}

;// CONCATENATED MODULE: ./src/gating/io/xml-text-cap.ts
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
const CR = 13;
const LF = 10;
/** The longest valid entity reference: `&#x10FFFF;`. */
const ENTITY_MAX = 10;
const isHighSurrogate = (code) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code) => code >= 0xdc00 && code <= 0xdfff;
const MARKUP_STARTS = ['![CDATA[', '!--', '!DOCTYPE'];
const MARKUP_LONGEST = 8;
const GREATER = 62;
const QUOTE = 34;
const APOSTROPHE = 39;
const BANG = 33;
const QUESTION = 63;
class XmlTextCap {
    limit;
    sink;
    // The state lives in plain fields: a deep report has millions of tags, and an object per state
    // change would be garbage the collector pays for in memory.
    mode = 'run';
    run = 'text';
    /** The quote that ends the attribute value, or the DOCTYPE literal, being read. */
    quote = '';
    doctype = 'doctype';
    dashes = 0;
    /** Characters of the current run passed so far. */
    passed = 0;
    /** The current run reached the limit: the rest of it is dropped. */
    dropping = false;
    carry = '';
    /** Where the input not yet handed on starts. */
    from = 0;
    constructor(limit, sink) {
        this.limit = limit;
        this.sink = sink;
        if (!(limit >= ENTITY_MAX))
            throw new RangeError(`text limit ${limit} is below ${ENTITY_MAX}`);
    }
    /** Feeds the next chunk of the document. */
    push(chunk) {
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
    end() {
        const input = this.carry;
        this.carry = '';
        this.from = 0;
        this.process(input, true);
        this.passTo(input, input.length);
    }
    /** Hands the parser `input[from, to)`: everything not dropped passes unchanged, in as few pieces as possible. */
    passTo(input, to) {
        if (to > this.from)
            this.sink.write(this.from === 0 && to === input.length ? input : input.slice(this.from, to));
        this.from = to;
    }
    startRun(run, quote = '') {
        this.mode = 'run';
        this.run = run;
        this.quote = quote;
        this.passed = 0;
        this.dropping = false;
    }
    /** Processes `input` from the start; returns where it stopped (the rest is carried). */
    process(input, final) {
        let i = 0;
        const n = input.length;
        while (i < n) {
            const mode = this.mode;
            if (mode === 'run') {
                const next = this.runStep(input, i, final, this.run, this.quote);
                if (next < 0)
                    return -next - 1;
                i = next;
            }
            else if (mode === 'tag') {
                i = this.tags(input, i);
            }
            else if (mode === 'comment-end') {
                // saxes ends a comment at `--` and then wants `>` (anything else is an error).
                this.startRun(input.charCodeAt(i) === GREATER ? 'text' : 'comment');
                i += 1;
            }
            else {
                while (i < n && this.mode === 'doctype')
                    this.doctypeChar(input[i++]);
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
    tags(input, i) {
        const n = input.length;
        let j = i;
        for (;;) {
            let c = 0;
            while (j < n && (c = input.charCodeAt(j)) !== GREATER && c !== QUOTE && c !== APOSTROPHE)
                j += 1;
            if (j >= n)
                return n;
            if (c === GREATER) {
                const open = input.indexOf('<', j + 1);
                const next = open === -1 ? NaN : input.charCodeAt(open + 1);
                // Comments, CDATA, processing instructions and a `<` at the very end take the general way.
                if (open === -1 || open - (j + 1) >= this.limit || next === BANG || next === QUESTION || Number.isNaN(next)) {
                    this.startRun('text');
                    return j + 1;
                }
                j = open + 1;
            }
            else {
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
    runStep(input, i, final, run, quote) {
        const n = input.length;
        const terminator = run === 'text' ? '<' : run === 'attribute' ? quote : run === 'cdata' ? ']]>' : run === 'comment' ? '--' : '?>';
        const at = input.indexOf(terminator, i);
        let end = at === -1 ? n : at;
        if (at === -1 && !final) {
            // Hold back what may be the start of the terminator, or of an entity reference, for the next chunk.
            if (terminator.length > 1) {
                let keep = 0;
                while (keep < terminator.length - 1 && end - keep > i && input[end - keep - 1] === terminator[0])
                    keep += 1;
                end -= keep;
            }
            if (run === 'text' || run === 'attribute') {
                const amp = input.lastIndexOf('&', end - 1);
                if (amp >= i && amp >= end - ENTITY_MAX && input.indexOf(';', amp) === -1)
                    end = amp;
            }
        }
        this.region(input, i, end, run);
        if (at === -1)
            return end === n ? n : -(end + 1);
        // The terminator: pass it and move on.
        if (run === 'text')
            return this.markupStart(input, at, final);
        const next = at + terminator.length;
        if (run === 'attribute')
            this.mode = 'tag';
        else if (run === 'comment')
            this.mode = 'comment-end';
        else
            this.startRun('text');
        return next;
    }
    /** At a `<` in text: decides what markup starts here. */
    markupStart(input, at, final) {
        const next = input.charCodeAt(at + 1);
        if (next === BANG) {
            const match = MARKUP_STARTS.find((start) => input.startsWith(start, at + 1));
            // Too little is left to tell: carry it to the next chunk.
            if (!match && !final && at + 1 + MARKUP_LONGEST > input.length) {
                const after = input.slice(at + 1);
                if (MARKUP_STARTS.some((start) => start.startsWith(after)))
                    return -(at + 1);
            }
            if (match === '![CDATA[')
                this.startRun('cdata');
            else if (match === '!--')
                this.startRun('comment');
            else if (match === '!DOCTYPE') {
                this.mode = 'doctype';
                this.doctype = 'doctype';
            }
            else
                this.mode = 'tag'; // saxes refuses it
            return at + 1 + (match?.length ?? 0);
        }
        if (Number.isNaN(next) && !final)
            return -(at + 1);
        if (next === QUESTION) {
            this.startRun('pi');
            return at + 2;
        }
        this.mode = 'tag';
        return at + 1;
    }
    /** Passes `input[from, to)`, part of the current run, up to the limit; drops the rest. */
    region(input, from, to, run) {
        if (to <= from)
            return;
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
            if (amp >= from && amp > input.lastIndexOf(';', cut - 1))
                cut = amp;
        }
        const before = input.charCodeAt(cut - 1);
        if (cut > from && (before === CR || isHighSurrogate(before) || (run === 'comment' && before === 45)))
            cut -= 1;
        this.passed += cut - from;
        this.dropping = true;
        this.drop(input, cut, to);
    }
    drop(input, from, to) {
        if (to <= from)
            return;
        this.passTo(input, from);
        this.from = to;
        let lines = 0;
        let columns = 0;
        for (let i = from; i < to; i++) {
            const code = input.charCodeAt(i);
            if (code === LF) {
                lines += 1;
                columns = 0;
            }
            else if (code === CR) {
                lines += 1;
                columns = 0;
                if (input.charCodeAt(i + 1) === LF && i + 1 < to)
                    i += 1;
            }
            else if (!(isLowSurrogate(code) && i > from && isHighSurrogate(input.charCodeAt(i - 1)))) {
                columns += 1;
            }
        }
        this.sink.dropped(lines, columns);
    }
    /** A DOCTYPE, passed whole and followed one character at a time the way saxes follows it, to find where it ends. */
    doctypeChar(c) {
        const isQuote = c === '"' || c === "'";
        switch (this.doctype) {
            case 'doctype':
                if (c === '>')
                    this.startRun('text');
                else if (c === '[')
                    this.doctype = 'dtd';
                else if (isQuote)
                    this.enterDoctype('doctype-quote', c);
                break;
            case 'doctype-quote':
                if (c === this.quote)
                    this.doctype = 'doctype';
                break;
            case 'dtd':
                if (c === ']')
                    this.doctype = 'doctype';
                else if (c === '<')
                    this.doctype = 'dtd-waka';
                else if (isQuote)
                    this.enterDoctype('dtd-quote', c);
                break;
            case 'dtd-quote':
                if (c === this.quote)
                    this.doctype = 'dtd';
                break;
            case 'dtd-waka':
                this.doctype = c === '!' ? 'dtd-bang' : c === '?' ? 'dtd-pi' : 'dtd';
                this.dashes = 0;
                break;
            case 'dtd-bang':
                // `<!-` then `-` opens a comment; anything else is a declaration.
                if (c === '-' && this.dashes === 0)
                    this.dashes = 1;
                else
                    this.doctype = c === '-' ? 'dtd-comment' : 'dtd';
                break;
            case 'dtd-comment':
                if (c === '-')
                    this.doctype = 'dtd-comment-ending';
                break;
            case 'dtd-comment-ending':
                this.doctype = c === '-' ? 'dtd-comment-ended' : 'dtd-comment';
                break;
            case 'dtd-comment-ended':
                this.doctype = c === '>' ? 'dtd' : 'dtd-comment';
                break;
            case 'dtd-pi':
                if (c === '?')
                    this.doctype = 'dtd-pi-ending';
                break;
            case 'dtd-pi-ending':
                // saxes ends a processing instruction in a DTD at the first `>` after a `?`.
                if (c === '>')
                    this.doctype = 'dtd';
                break;
        }
    }
    enterDoctype(state, quote) {
        this.doctype = state;
        this.quote = quote;
    }
}

;// CONCATENATED MODULE: ./src/gating/io/xml-stream.ts





const localName = (name) => name.slice(name.indexOf(':') + 1);
/**
 * Characters of one text node, CDATA section, comment, processing instruction or attribute value
 * handed to the parser; the rest is dropped unread. Far above what any parser keeps (`DETAILS_CAP`,
 * 4,000 characters, is the largest), so capping changes nothing a report shows.
 */
const XML_TEXT_LIMIT = 64 * 1024;
/**
 * Deepest element nesting read: 100 Ki levels. Real reports nest a few dozen levels; a deeper one
 * is refused. saxes keeps every open element on a stack (with attributes released, 100–150 bytes a
 * level, and V8 sizes its heap at about three times what is live), so this depth costs up to about
 * 50 MiB; reading a million levels would cost half a GiB.
 */
const XML_DEPTH_LIMIT = 100 * 1024;
/** Attributes saxes keeps on its stack of open elements once the handlers have seen them. */
const RELEASED = Object.freeze(Object.create(null));
/**
 * Streams an XML file through saxes chunk by chunk, so memory stays flat whatever the file size:
 * text is capped at `XML_TEXT_LIMIT` characters a node before saxes gathers it, and nesting deeper
 * than `XML_DEPTH_LIMIT` is refused. A DOCTYPE that declares entities is refused before any is used;
 * saxes never fetches a DTD and never expands an undeclared entity.
 */
async function streamXml(file, handlers) {
    const parser = new saxes/* SaxesParser */.wT({ position: true });
    let ending = false;
    // Dropped text shifts saxes' positions; this maps them back to the file's.
    let lineShift = 0;
    let shiftedLine = 0;
    let columnShift = 0;
    const position = () => {
        const line = parser.line;
        const column = parser.column + (line === shiftedLine ? columnShift : 0);
        return `${line + lineShift}:${column + 1}`;
    };
    const at = position;
    const where = () => `${file}:${position()}`;
    parser.on('doctype', (doctype) => {
        if (doctypeDeclares(doctype))
            refuseDoctype(file, position());
    });
    parser.on('error', (error) => {
        const reason = error.message.replace(/^(.*?:)?\d+:\d+: /, '').replace(/\.$/, '');
        if (ending)
            throw new errors/* UserError */.yo(`${where()}: the report ends early (${reason}); it looks truncated. Check that the test run finished writing it.`);
        throw new errors/* UserError */.yo(`${where()}: is not well-formed XML (${reason}); it is not a readable test report.`);
    });
    let depth = 0;
    parser.on('opentag', (tag) => {
        depth += 1;
        if (depth > XML_DEPTH_LIMIT) {
            throw new errors/* UserError */.yo(`${where()}: elements nest deeper than ${XML_DEPTH_LIMIT.toLocaleString('en-US')} levels; a test report never needs that, so it is refused.`);
        }
        handlers.open({ name: localName(tag.name), attributes: tag.attributes }, at);
        // saxes keeps the tag until it closes but needs only its name; deep nesting then costs less.
        tag.attributes = RELEASED;
    });
    parser.on('closetag', (tag) => {
        depth -= 1;
        handlers.close(localName(tag.name));
    });
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
    const cap = new XmlTextCap(XML_TEXT_LIMIT, {
        write: (text) => parser.write(text),
        dropped(lines, columns) {
            // saxes stands where the text was cut; the file goes on after what was dropped.
            const line = parser.line;
            const [fileLine, fileColumn] = position().split(':').map(Number);
            const column = lines > 0 ? columns : fileColumn - 1 + columns;
            lineShift = fileLine + lines - line;
            shiftedLine = line;
            columnShift = column - parser.column;
        },
    });
    let first = true;
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
        cap.push(first ? chunk.replace(/^\uFEFF/, '') : chunk);
        first = false;
    }
    cap.end();
    ending = true;
    parser.close();
}
class Stop extends Error {
}
/** Streams only as far as the root element (refusing a DOCTYPE on the way) and returns its name and position. */
async function xmlRoot(file) {
    let found = { where: '1:1' };
    try {
        await streamXml(file, {
            open(tag, at) {
                found = { name: tag.name, where: at() };
                throw new Stop();
            },
            close() { },
            text() { },
        });
    }
    catch (error) {
        if (!(error instanceof Stop))
            throw error;
    }
    return found;
}

;// CONCATENATED MODULE: ./src/gating/formats/cobertura.ts

/**
 * Cobertura XML: the root's lines-covered / lines-valid when given (coverage.py, c8, nyc, coverlet),
 * otherwise the class-level <line> elements (method-level copies are not counted twice).
 */
async function parseCobertura(file) {
    let fromRoot;
    const counted = { linesCovered: 0, linesValid: 0 };
    let inMethods = 0;
    await streamXml(file, {
        open({ name, attributes }) {
            if (name === 'coverage' && attributes['lines-valid'] !== undefined && attributes['lines-covered'] !== undefined) {
                fromRoot = { linesCovered: Number(attributes['lines-covered']), linesValid: Number(attributes['lines-valid']) };
            }
            else if (name === 'methods')
                inMethods += 1;
            else if (name === 'line' && inMethods === 0 && !fromRoot) {
                counted.linesValid += 1;
                if (Number(attributes.hits) > 0)
                    counted.linesCovered += 1;
            }
        },
        close(name) {
            if (name === 'methods')
                inMethods -= 1;
        },
        text() { },
    });
    return fromRoot ?? counted;
}

;// CONCATENATED MODULE: ./src/gating/io/capped-text.ts
/** Collects text up to `limit` characters and drops the rest, so a huge stack trace costs no memory. */
class CappedText {
    limit;
    parts = [];
    length = 0;
    truncated = false;
    constructor(limit) {
        this.limit = limit;
    }
    add(text) {
        const room = this.limit - this.length;
        if (room <= 0) {
            if (text)
                this.truncated = true;
            return;
        }
        const kept = text.length > room ? text.slice(0, room) : text;
        if (kept.length < text.length)
            this.truncated = true;
        this.parts.push(kept);
        this.length += kept.length;
    }
    toString() {
        const text = this.parts.join('').trim();
        return this.truncated ? `${text}…` : text;
    }
}
/** Shortens text to `limit` characters, marking the cut. */
function capText(text, limit) {
    if (text === undefined)
        return undefined;
    const trimmed = text.trim();
    if (!trimmed)
        return undefined;
    return trimmed.length > limit ? `${trimmed.slice(0, limit)}…` : trimmed;
}
/** The first non-empty line of a message, for one-line displays. */
function firstLine(text) {
    return text?.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '');
}

// EXTERNAL MODULE: ./src/gating/model.ts
var model = __webpack_require__(8089);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
;// CONCATENATED MODULE: ./src/gating/io/line-stream.ts


/** Calls `each` for every line of a file (1-based numbers), reading it as a stream. */
async function forEachLine(file, each) {
    const lines = (0,external_node_readline_.createInterface)({ input: (0,external_node_fs_.createReadStream)(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
        lineNumber += 1;
        each(lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line, lineNumber);
    }
    return lineNumber;
}

;// CONCATENATED MODULE: ./src/gating/io/json-lines.ts


/**
 * Streams a JSON-lines report (`go test -json`, Dart's JSON reporter) one event at a time. Lines that
 * are not JSON objects (a build's plain output) are skipped; a broken object names file, line and column.
 */
async function readJsonLines(file, each) {
    let broken;
    await forEachLine(file, (line, lineNumber) => {
        if (broken)
            throw new errors/* UserError */.yo(`${file}:${broken.lineNumber}:${broken.column}: is not valid JSON (${broken.reason}); it is not a readable test report.`);
        const text = line.trim();
        if (!text.startsWith('{'))
            return;
        let event;
        try {
            event = JSON.parse(text);
        }
        catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            const at = /position (\d+)/.exec(reason)?.[1];
            broken = { lineNumber, column: at === undefined ? text.length : Number(at) + 1, reason };
            return;
        }
        if (event && typeof event === 'object' && !Array.isArray(event))
            each(event, lineNumber);
    });
    if (broken)
        throw new errors/* UserError */.yo(`${file}:${broken.lineNumber}:${broken.column}: the report ends in the middle of an event (${broken.reason}); it looks truncated.`);
}

;// CONCATENATED MODULE: ./src/gating/formats/dart-json.ts



const RESULTS = { success: 'passed', failure: 'failed', error: 'errored' };
/** Dart / Flutter `--reporter json` events; hidden entries (suite loading, setUpAll) are not tests. */
async function parseDartJson(file, sink) {
    const suites = new Map();
    const running = new Map();
    await readJsonLines(file, (event) => {
        switch (event.type) {
            case 'suite': {
                const suite = event.suite;
                suites.set(suite.id, suite.path ?? String(suite.id));
                break;
            }
            case 'testStart': {
                const test = event.test;
                running.set(test.id, {
                    name: test.name,
                    suite: suites.get(test.suiteID) ?? String(test.suiteID),
                    url: test.root_url ?? test.url ?? undefined,
                    line: test.root_line ?? test.line ?? undefined,
                    error: new CappedText(model/* DETAILS_CAP */.kC),
                });
                break;
            }
            case 'error': {
                const test = running.get(event.testID);
                test?.error.add(`${String(event.error)}\n${String(event.stackTrace ?? '')}\n`);
                if (test)
                    test.message ??= capText(String(event.error), model/* MESSAGE_CAP */.pT);
                break;
            }
            case 'testDone': {
                const test = running.get(event.testID);
                running.delete(event.testID);
                if (!test || event.hidden === true)
                    break;
                const status = event.skipped === true ? 'skipped' : (RESULTS[String(event.result)] ?? 'errored');
                const failed = status === 'failed' || status === 'errored';
                const details = failed ? test.error.toString() || undefined : undefined;
                sink({
                    id: `${test.suite}.${test.name}`,
                    name: test.name,
                    suite: test.suite,
                    status,
                    message: failed ? test.message : undefined,
                    details,
                    file: failed && test.url ? test.url.replace(/^file:\/\//, '') : undefined,
                    line: failed && test.url && test.line ? test.line : undefined,
                });
                break;
            }
        }
    });
}

;// CONCATENATED MODULE: ./src/gating/output/source-location.ts
// Most specific first: .NET "in File.cs:line 25", then "path.ext:12(:3)", then PHP "path.php(12)".
const PATTERNS = [
    /\bin ((?:[A-Za-z]:)?[^\s:]+\.\w+):line (\d+)/,
    /(?:file:\/\/)?((?:[A-Za-z]:)?[\w./\\@+~-]*\.[A-Za-z]\w*):(\d+)(?::\d+)?/,
    /((?:[A-Za-z]:)?[\w./\\@+~-]*\.[A-Za-z]\w*)\((\d+)\)/,
];
const IGNORED = /node_modules|^node:|^internal\/|\/internal\/|<anonymous>/;
/** The first source position a stack trace or failure text points at, skipping library frames. */
function locationFromText(text) {
    if (!text)
        return undefined;
    for (const line of text.split(/\r?\n/, 200)) {
        for (const pattern of PATTERNS) {
            const match = pattern.exec(line);
            if (!match?.[1] || IGNORED.test(match[1]))
                continue;
            const lineNumber = Number(match[2]);
            if (lineNumber > 0)
                return { file: match[1], line: lineNumber };
        }
    }
    return undefined;
}
/** A path as GitHub annotations want it: relative to the workspace, forward slashes, no file:// prefix. */
function repoPath(file, workspace) {
    let path = file.replace(/^file:\/\//, '');
    if (workspace) {
        const root = workspace.replace(/[\\/]+$/, '');
        if (path.startsWith(`${root}/`) || path.startsWith(`${root}\\`))
            path = path.slice(root.length + 1);
    }
    return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

;// CONCATENATED MODULE: ./src/gating/formats/go-test-json.ts




const go_test_json_RESULTS = { pass: 'passed', fail: 'failed', skip: 'skipped' };
/** go test's own framing lines, not the test's output. */
const FRAMING = /^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP):|(PASS|FAIL)\s*$|ok\s)/;
/**
 * `go test -json` events. Output is kept (capped) only for tests still running; a package that fails
 * with no failing test (a build error, a panic in TestMain) becomes one errored entry.
 */
async function parseGoTestJson(file, sink) {
    const running = new Map();
    const packages = new Map();
    const packageOf = (name) => {
        let entry = packages.get(name);
        if (!entry)
            packages.set(name, (entry = { failedTests: 0, output: new CappedText(model/* DETAILS_CAP */.kC) }));
        return entry;
    };
    await readJsonLines(file, (event) => {
        const pkg = typeof event.Package === 'string' ? event.Package : '';
        const test = typeof event.Test === 'string' ? event.Test : undefined;
        const action = String(event.Action ?? '');
        const key = `${pkg}\u0000${test}`;
        if (action === 'output' && typeof event.Output === 'string') {
            const line = event.Output;
            if (FRAMING.test(line))
                return;
            if (test)
                running.get(key)?.add(line);
            else
                packageOf(pkg).output.add(line);
        }
        else if (action === 'run' && test) {
            running.set(key, new CappedText(model/* DETAILS_CAP */.kC));
        }
        else if (go_test_json_RESULTS[action] && test) {
            const status = go_test_json_RESULTS[action];
            const output = running.get(key)?.toString() || undefined;
            running.delete(key);
            if (status === 'failed')
                packageOf(pkg).failedTests += 1;
            const message = status === 'passed' ? undefined : capText(output, model/* MESSAGE_CAP */.pT);
            sink({
                id: `${pkg}.${test}`,
                name: test,
                suite: pkg,
                status,
                message,
                details: status === 'failed' ? output : undefined,
                ...(status === 'failed' ? locationFromText(output) : undefined),
                durationMs: typeof event.Elapsed === 'number' ? event.Elapsed * 1000 : undefined,
            });
        }
        else if (action === 'fail' && !test) {
            const entry = packageOf(pkg);
            if (entry.failedTests === 0) {
                const output = entry.output.toString() || 'the package failed without a failing test (build error or panic)';
                sink({ id: `${pkg}.(package)`, name: '(package)', suite: pkg, status: 'errored', message: capText(output, model/* MESSAGE_CAP */.pT), details: output, ...locationFromText(output) });
            }
            packages.delete(pkg);
        }
        else if ((action === 'pass' || action === 'skip') && !test) {
            packages.delete(pkg);
        }
    });
}

;// CONCATENATED MODULE: ./src/gating/formats/junit.ts




/** Elements inside <testcase> whose text is the failure body; surefire's reruns included. */
const FAILURES = new Set(['failure', 'error']);
const RERUNS = new Set(['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError']);
const CAPTURED = new Set([...FAILURES, ...RERUNS, 'skipped', 'stackTrace']);
const SKIPPED_STATUS = new Set(['skipped', 'notrun', 'disabled', 'ignored']);
const seconds = (value) => {
    const number = value ? Number(value) : NaN;
    return Number.isFinite(number) ? number * 1000 : undefined;
};
/**
 * The JUnit XML family as tools write it: surefire/failsafe (flakyFailure, rerunFailure), Gradle,
 * pytest, jest-junit, vitest, node --test, mocha-junit-reporter, go-junit-report, PHPUnit nested
 * suites, Swift/Xcode, Catch2 and CTest. Test cases may sit in nested <testsuite>s or at the root.
 */
async function parseJUnit(file, sink) {
    const suites = [];
    let current;
    await streamXml(file, {
        open({ name, attributes }) {
            if (name === 'testsuite') {
                suites.push(attributes.name || attributes.file || suites.at(-1) || '(root)');
            }
            else if (name === 'testcase') {
                const suite = suites.at(-1) ?? (attributes.classname || '(root)');
                current = { name: attributes.name ?? '', classname: attributes.classname ?? attributes.class ?? '', suite, attributes, reran: undefined, stack: [], inRerun: 0 };
            }
            else if (current) {
                current.stack.push(name);
                if (RERUNS.has(name))
                    current.inRerun += 1;
                if (FAILURES.has(name) && current.outcome !== 'failed' && current.outcome !== 'errored') {
                    current.outcome = name === 'failure' ? 'failed' : 'errored';
                    current.message = attributes.message;
                }
                else if (name === 'skipped' && !current.outcome) {
                    current.outcome = 'skipped';
                    current.message = attributes.message;
                }
                else if (RERUNS.has(name)) {
                    current.reran = name.startsWith('flaky') ? 'flaky' : (current.reran ?? 'rerun');
                    current.flakyMessage ??= attributes.message;
                }
            }
        },
        text(text) {
            const inside = current?.stack.at(-1);
            if (current?.stack.length === 1 && (inside === 'system-out' || inside === 'system-err'))
                (current.output ??= new CappedText(model/* DETAILS_CAP */.kC)).add(text);
            if (!current || !inside || !CAPTURED.has(inside))
                return;
            if (current.inRerun > 0)
                (current.flakyBody ??= new CappedText(model/* DETAILS_CAP */.kC)).add(text);
            else
                (current.body ??= new CappedText(model/* DETAILS_CAP */.kC)).add(text);
        },
        close(name) {
            if (name === 'testsuite')
                suites.pop();
            else if (name === 'testcase' && current) {
                sink(finish(current));
                current = undefined;
            }
            else if (current) {
                const closed = current.stack.pop();
                if (closed !== undefined && RERUNS.has(closed))
                    current.inRerun -= 1;
            }
        },
    });
}
function finish(test) {
    const { attributes } = test;
    let status = test.outcome ?? 'passed';
    if (!test.outcome && attributes.status && SKIPPED_STATUS.has(attributes.status.toLowerCase()))
        status = 'skipped';
    // Surefire: flakyFailure = failed, then passed on a rerun; rerunFailure beside <failure> = failed every time.
    if (status === 'passed' && test.reran)
        status = 'flaky';
    const flaky = status === 'flaky';
    const failed = status === 'failed' || status === 'errored';
    const details = (flaky ? test.flakyBody : test.body)?.toString() || (failed ? test.output?.toString() : '') || undefined;
    const message = capText(flaky ? test.flakyMessage : test.message, model/* MESSAGE_CAP */.pT) ?? capText(firstLine(details), model/* MESSAGE_CAP */.pT);
    const line = Number(attributes.line);
    const fromText = status === 'passed' ? undefined : locationFromText(details ?? message);
    const file = attributes.file || fromText?.file;
    const owner = test.classname || (test.suite === '(root)' ? '' : test.suite);
    return {
        id: owner ? `${owner}.${test.name}` : test.name,
        name: test.name,
        suite: test.suite,
        status,
        message: status === 'passed' ? undefined : message,
        details: status === 'passed' ? undefined : details,
        file,
        line: line > 0 ? line : file && fromText?.file === file ? fromText.line : undefined,
        durationMs: seconds(attributes.time),
    };
}

;// CONCATENATED MODULE: ./src/gating/formats/lcov.ts


/** LCOV tracefiles: line totals from each record's LF/LH, or from its DA lines when a tool leaves those out. */
async function parseLcov(file) {
    const totals = { linesCovered: 0, linesValid: 0 };
    let record = { found: undefined, hit: undefined, da: 0, daHit: 0 };
    let open = false;
    let lastLine = 0;
    await forEachLine(file, (line, lineNumber) => {
        lastLine = lineNumber;
        const [key, value = ''] = line.trim().split(/:(.*)/s);
        if (key === 'SF')
            open = true;
        else if (key === 'LF')
            record.found = Number(value);
        else if (key === 'LH')
            record.hit = Number(value);
        else if (key === 'DA') {
            record.da += 1;
            if (Number(value.split(',')[1]) > 0)
                record.daHit += 1;
        }
        else if (key === 'end_of_record') {
            totals.linesValid += record.found ?? record.da;
            totals.linesCovered += record.hit ?? record.daHit;
            record = { found: undefined, hit: undefined, da: 0, daHit: 0 };
            open = false;
        }
    });
    if (open)
        throw new errors/* UserError */.yo(`${file}:${lastLine}:1: the LCOV file ends inside a record (no end_of_record); it looks truncated.`);
    return totals;
}

// EXTERNAL MODULE: ./node_modules/@streamparser/json/dist/mjs/index.js + 7 modules
var mjs = __webpack_require__(5497);
;// CONCATENATED MODULE: ./src/gating/io/json-stream.ts



/** Line and column (1-based) of a byte offset, from counts kept while streaming; no line index is stored. */
class Position {
    chunkStart = 0;
    chunk = Buffer.alloc(0);
    lineBeforeChunk = 1;
    lineStartBeforeChunk = 0;
    next(chunk) {
        const { lines, lastNewline } = this.countIn(this.chunk, this.chunk.length);
        this.lineBeforeChunk += lines;
        if (lastNewline !== -1)
            this.lineStartBeforeChunk = this.chunkStart + lastNewline + 1;
        this.chunkStart += this.chunk.length;
        this.chunk = chunk;
    }
    at(offset) {
        const within = Math.min(Math.max(offset - this.chunkStart, 0), this.chunk.length);
        const { lines, lastNewline } = this.countIn(this.chunk, within);
        const lineStart = lastNewline === -1 ? this.lineStartBeforeChunk : this.chunkStart + lastNewline + 1;
        return `${this.lineBeforeChunk + lines}:${this.chunkStart + within - lineStart + 1}`;
    }
    end() {
        return this.at(this.chunkStart + this.chunk.length);
    }
    countIn(buffer, length) {
        let lines = 0;
        let lastNewline = -1;
        for (let i = buffer.indexOf(10); i !== -1 && i < length; i = buffer.indexOf(10, i + 1)) {
            lines += 1;
            lastNewline = i;
        }
        return { lines, lastNewline };
    }
}
/**
 * Streams a whole-document JSON report and hands over only the values at `paths` (e.g. `$.tests.*`),
 * one at a time, with the top-level key it sits under; with `keepStack: false` nothing else of the document is kept.
 */
async function streamJsonValues(file, paths, onValue) {
    const tokenizer = new mjs/* Tokenizer */._F();
    const parser = new mjs/* TokenParser */.zb({ paths, keepStack: false });
    const position = new Position();
    let lastOffset = 0;
    let failure;
    tokenizer.onToken = (token) => {
        if (failure)
            return;
        lastOffset = token.offset;
        parser.write(token);
    };
    tokenizer.onError = (error) => (failure ??= error);
    parser.onError = (error) => (failure ??= error);
    tokenizer.onEnd = () => {
        if (!parser.isEnded)
            parser.end();
    };
    parser.onValue = ({ value, key, stack }) => onValue(value, String(stack[1]?.key ?? key ?? ''));
    const fail = (where, error, ending) => {
        const reason = error.message.replace(/ at chunk position.*?(?= in state|$)/, '');
        if (ending)
            throw new errors/* UserError */.yo(`${where}: the report ends early (${reason}); it looks truncated. Check that the test run finished writing it.`);
        throw new errors/* UserError */.yo(`${where}: is not valid JSON (${reason}); it is not a readable test report.`);
    };
    let first = true;
    for await (const raw of (0,external_node_fs_.createReadStream)(file, { highWaterMark: 64 * 1024 })) {
        let chunk = raw;
        if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
            chunk = chunk.subarray(3);
        first = false;
        position.next(chunk);
        try {
            tokenizer.write(chunk);
        }
        catch (error) {
            failure ??= error;
        }
        if (failure) {
            const absolute = /absolute position "(\d+)"/.exec(failure.message)?.[1];
            fail(`${file}:${position.at(absolute === undefined ? lastOffset : Number(absolute))}`, failure, false);
        }
    }
    try {
        if (!tokenizer.isEnded)
            tokenizer.end();
    }
    catch (error) {
        failure ??= error;
    }
    if (failure)
        fail(`${file}:${position.end()}`, failure, true);
}

;// CONCATENATED MODULE: ./src/gating/formats/mocha-json.ts




const HOOK = /^"(before|after)( all| each)?" hook/;
/**
 * mocha's `--reporter json`: each entry of `tests`, plus hook failures from `failures` (a failing
 * `before all` hook skips its tests silently, so it must count as an error).
 */
async function parseMochaJson(file, sink) {
    await streamJsonValues(file, ['$.tests.*', '$.failures.*'], (value, topKey) => {
        const test = value;
        const failed = !!test.err && (test.err.message !== undefined || test.err.stack !== undefined);
        const title = test.title ?? '';
        if (topKey === 'failures' && !HOOK.test(title))
            return;
        const fullTitle = test.fullTitle ?? title;
        const status = topKey === 'failures' ? 'errored' : failed ? 'failed' : test.pending || test.state === 'pending' || test.duration === undefined ? 'skipped' : 'passed';
        const suite = fullTitle.endsWith(title) ? fullTitle.slice(0, fullTitle.length - title.length).trim() : '';
        const details = capText(test.err?.stack, model/* DETAILS_CAP */.kC);
        sink({
            id: fullTitle,
            name: title,
            suite: suite || test.file || '(root)',
            status,
            message: status === 'failed' || status === 'errored' ? capText(test.err?.message, model/* MESSAGE_CAP */.pT) : undefined,
            details: status === 'failed' || status === 'errored' ? details : undefined,
            ...(failed ? locationFromText(details) : undefined),
            durationMs: test.duration,
        });
    });
}

;// CONCATENATED MODULE: ./src/gating/formats/nunit.ts




function nunit_status(result, label) {
    switch ((result ?? '').toLowerCase()) {
        case 'passed':
        case 'warning':
            return 'passed';
        case 'failed':
            return label === 'Error' || label === 'Cancelled' || label === 'Invalid' ? 'errored' : 'failed';
        default:
            return 'skipped';
    }
}
/** NUnit 3 XML (`<test-run>`): every <test-case>, however deeply its <test-suite>s nest. */
async function parseNUnit(file, sink) {
    let current;
    await streamXml(file, {
        open({ name, attributes }) {
            if (name === 'test-case')
                current = { attributes, message: new CappedText(model/* MESSAGE_CAP */.pT), stack: new CappedText(model/* DETAILS_CAP */.kC), path: [] };
            else
                current?.path.push(name);
        },
        text(text) {
            // Only the test's own <failure>/<reason>, not the per-assertion copies under <assertions>.
            const [outer, inner] = current?.path ?? [];
            if (!current || (outer !== 'failure' && outer !== 'reason') || current.path.length !== 2)
                return;
            if (inner === 'message')
                current.message.add(text);
            else if (inner === 'stack-trace')
                current.stack.add(text);
        },
        close(name) {
            if (name !== 'test-case' || !current) {
                current?.path.pop();
                return;
            }
            const { attributes } = current;
            const result = nunit_status(attributes.result, attributes.label);
            const failed = result === 'failed' || result === 'errored';
            const details = current.stack.toString() || undefined;
            const testName = attributes.name ?? '';
            sink({
                id: attributes.fullname || testName,
                name: testName,
                suite: attributes.classname || '(root)',
                status: result,
                message: result === 'passed' ? undefined : capText(current.message.toString() || attributes.label, model/* MESSAGE_CAP */.pT),
                details: failed ? details : undefined,
                ...(failed ? locationFromText(details) : undefined),
                durationMs: attributes.duration && Number.isFinite(Number(attributes.duration)) ? Number(attributes.duration) * 1000 : undefined,
            });
            current = undefined;
        },
    });
}

;// CONCATENATED MODULE: ./src/gating/formats/rspec-json.ts



const STATUSES = { passed: 'passed', failed: 'failed', pending: 'skipped' };
/** RSpec's `--format json`: each example, and errors outside examples (a spec file that failed to load). */
async function parseRSpecJson(file, sink) {
    await streamJsonValues(file, ['$.examples.*', '$.summary'], (value, topKey) => {
        if (topKey === 'summary') {
            const outside = value.errors_outside_of_examples_count ?? 0;
            if (outside > 0)
                sink({ id: '(errors outside of examples)', name: '(errors outside of examples)', suite: '(load)', status: 'errored', message: `${outside} error(s) occurred outside of examples (a spec file failed to load)` });
            return;
        }
        const example = value;
        const status = STATUSES[example.status ?? ''] ?? 'errored';
        const failed = status === 'failed' || status === 'errored';
        const exception = example.exception;
        sink({
            id: example.id ?? example.full_description ?? '',
            name: example.full_description ?? example.description ?? '',
            suite: example.file_path ?? '(root)',
            status,
            message: failed ? capText(exception ? `${exception.class ?? ''}: ${exception.message ?? ''}` : undefined, model/* MESSAGE_CAP */.pT) : capText(example.pending_message ?? undefined, model/* MESSAGE_CAP */.pT),
            details: failed ? capText(exception?.backtrace?.slice(0, 50).join('\n'), model/* DETAILS_CAP */.kC) : undefined,
            file: failed ? example.file_path : undefined,
            line: failed ? example.line_number : undefined,
            durationMs: example.run_time === undefined ? undefined : example.run_time * 1000,
        });
    });
}

;// CONCATENATED MODULE: ./src/gating/formats/tap.ts





const POINT = /^(not )?ok\b(?:\s+(\d+))?(?:\s*-)?\s*(.*)$/;
const DIRECTIVE = /\s+#\s*(SKIP|TODO)\b\S*\s*(.*)$/i;
const yamlValue = (yaml, key) => {
    const match = new RegExp(`^\\s*${key}:\\s*(.*)$`, 'm').exec(yaml);
    if (!match?.[1])
        return undefined;
    const value = match[1].trim();
    if (!/^[|>]/.test(value))
        return value.replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
    const after = yaml.slice(match.index + match[0].length + 1).split('\n');
    const indent = /^\s*/.exec(after[0] ?? '')?.[0].length ?? 0;
    const block = [];
    for (const line of after) {
        if (line.trim() && (/^\s*/.exec(line)?.[0].length ?? 0) < indent)
            break;
        block.push(line.slice(indent));
    }
    return block.join('\n').trim();
};
/**
 * TAP 13 and 14, line by line: nested subtests (indented by four), YAML diagnostics, SKIP and TODO
 * directives (both count as skipped), `Bail out!`. A parent test point counts only when it fails
 * without a failing child; node's `type: 'suite'` points are never tests.
 */
async function parseTap(file, sink) {
    const subtestNames = [];
    const levelHasChildren = new Map();
    let pending;
    let topPlan;
    let topPoints = 0;
    let bailedOut = false;
    const flush = () => {
        if (!pending)
            return;
        const point = pending;
        pending = undefined;
        const yaml = point.yaml?.toString() ?? '';
        if (point.indent === 0)
            topPoints += 1;
        const isSuite = /^\s*type:\s*'?suite'?\s*$/m.test(yaml);
        const skipped = point.directive !== undefined;
        const failed = !point.ok && !skipped;
        const here = levelHasChildren.get(point.indent) ?? { any: false, failed: false };
        levelHasChildren.set(point.indent, { any: true, failed: here.failed || failed });
        if ((point.isParent || isSuite) && !(failed && !point.childFailed))
            return;
        const status = skipped ? 'skipped' : point.ok ? 'passed' : point.isParent || isSuite ? 'errored' : 'failed';
        const error = yamlValue(yaml, 'error') ?? yamlValue(yaml, 'message');
        const location = yamlValue(yaml, 'location') ?? yamlValue(yaml, 'at');
        const yamlFile = yamlValue(yaml, 'file');
        const line = Number(yamlValue(yaml, 'line'));
        const fromText = locationFromText(location) ?? (yamlFile && line > 0 ? { file: yamlFile, line } : undefined) ?? locationFromText(yamlValue(yaml, 'stack'));
        const message = skipped ? point.reason || point.directive : error;
        sink({
            id: point.suite ? `${point.suite} > ${point.name}` : point.name,
            name: point.name,
            suite: point.suite || '(root)',
            status,
            message: status === 'passed' ? undefined : capText(message ?? firstLine(yaml), model/* MESSAGE_CAP */.pT),
            details: status === 'failed' || status === 'errored' ? capText(yaml, model/* DETAILS_CAP */.kC) : undefined,
            ...(status === 'failed' || status === 'errored' ? fromText : undefined),
            durationMs: Number(yamlValue(yaml, 'duration_ms')) || undefined,
        });
    };
    const lines = await forEachLine(file, (raw) => {
        const indent = /^ */.exec(raw)?.[0].length ?? 0;
        const line = raw.slice(indent);
        if (pending?.yaml && pending.yamlIndent !== undefined) {
            if (line === '...' && indent === pending.yamlIndent) {
                pending.yamlIndent = undefined;
                return;
            }
            if (indent >= pending.yamlIndent || !line) {
                pending.yaml.add(`${raw.slice(pending.yamlIndent)}\n`);
                return;
            }
        }
        if (pending && line === '---' && indent > pending.indent && !pending.yaml) {
            pending.yaml = new CappedText(model/* DETAILS_CAP */.kC);
            pending.yamlIndent = indent;
            return;
        }
        const point = POINT.exec(line);
        if (point) {
            flush();
            let name = point[3] ?? '';
            const directive = DIRECTIVE.exec(name);
            if (directive)
                name = name.slice(0, directive.index);
            const children = levelHasChildren.get(indent + 4);
            for (const level of [...levelHasChildren.keys()])
                if (level > indent)
                    levelHasChildren.delete(level);
            subtestNames.length = Math.min(subtestNames.length, indent / 4 + 1);
            pending = {
                indent,
                ok: !point[1],
                name: name.trim(),
                directive: directive?.[1]?.toUpperCase(),
                reason: directive?.[2]?.trim(),
                suite: subtestNames.slice(0, Math.floor(indent / 4)).join(' > '),
                isParent: !!children?.any,
                childFailed: !!children?.failed,
            };
            return;
        }
        flush();
        const subtest = /^# Subtest: (.*)$/.exec(line);
        if (subtest)
            subtestNames[Math.floor(indent / 4)] = subtest[1] ?? '';
        const plan = /^1\.\.(\d+)/.exec(line);
        if (plan && indent === 0)
            topPlan = Number(plan[1]);
        if (/^Bail out!/.test(line)) {
            bailedOut = true;
            sink({ id: 'Bail out!', name: 'Bail out!', suite: '(root)', status: 'errored', message: line });
        }
    });
    flush();
    if (!bailedOut && topPoints > 0 && (topPlan === undefined || topPoints < topPlan)) {
        const found = topPlan === undefined ? 'no plan (1..N) was found' : `only ${topPoints} of ${topPlan} planned tests were reported`;
        throw new errors/* UserError */.yo(`${file}:${lines}:1: the TAP stream ends early: ${found}; it looks truncated.`);
    }
}

;// CONCATENATED MODULE: ./src/gating/formats/trx.ts




const OUTCOMES = {
    passed: 'passed',
    passedbutrunaborted: 'passed',
    warning: 'passed',
    completed: 'passed',
    failed: 'failed',
    timeout: 'failed',
    aborted: 'failed',
    error: 'errored',
};
/** `00:00:01.5` to milliseconds. */
function duration(value) {
    const match = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value ?? '');
    return match ? ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000 : undefined;
}
/** The class part of `Namespace.Class.Method(args)`. */
function classOf(testName) {
    const method = testName.split('(', 1)[0] ?? testName;
    const dot = method.lastIndexOf('.');
    return dot > 0 ? method.slice(0, dot) : '(root)';
}
/** .NET TRX (MSTest, xUnit, NUnit through `--logger trx`): one top-level <UnitTestResult> per test. */
async function parseTrx(file, sink) {
    let current;
    let depth = 0;
    let capture;
    await streamXml(file, {
        open({ name, attributes }) {
            if (name === 'UnitTestResult') {
                depth += 1;
                // Data-driven rows repeat inside <InnerResults>; the outer result already counts them.
                if (depth === 1)
                    current = { attributes, message: new CappedText(model/* MESSAGE_CAP */.pT), stack: new CappedText(model/* DETAILS_CAP */.kC) };
            }
            else if (current && depth === 1) {
                capture = name === 'Message' ? 'message' : name === 'StackTrace' ? 'stack' : undefined;
            }
        },
        text(text) {
            if (current && capture)
                current[capture].add(text);
        },
        close(name) {
            capture = undefined;
            if (name !== 'UnitTestResult')
                return;
            depth -= 1;
            if (depth > 0 || !current)
                return;
            const { attributes } = current;
            const status = OUTCOMES[(attributes.outcome ?? '').toLowerCase()] ?? 'skipped';
            const failed = status === 'failed' || status === 'errored';
            const details = current.stack.toString() || undefined;
            const message = current.message.toString() || undefined;
            const location = failed ? locationFromText(details) : undefined;
            const testName = attributes.testName ?? '';
            sink({
                id: testName,
                name: testName,
                suite: classOf(testName),
                status,
                message: failed || status === 'skipped' ? capText(message, model/* MESSAGE_CAP */.pT) : undefined,
                details: failed ? details : undefined,
                ...location,
                durationMs: duration(attributes.duration),
            });
            current = undefined;
        },
    });
}

;// CONCATENATED MODULE: ./src/gating/formats/parse-report.ts














const TEST_PARSERS = {
    junit: parseJUnit,
    trx: parseTrx,
    nunit: parseNUnit,
    tap: parseTap,
    'go-test-json': parseGoTestJson,
    'mocha-json': parseMochaJson,
    'rspec-json': parseRSpecJson,
    'dart-json': parseDartJson,
};
const isCoverage = (format) => model/* COVERAGE_FORMATS */.Oo.includes(format);
/** The format of a file: the one named, or detected from its first bytes when `auto`. */
async function reportFormat(file, format) {
    if (format !== 'auto')
        return format;
    try {
        return detectFormat(file, await readHead(file));
    }
    catch (error) {
        if (!(error instanceof RootBeyondHead))
            throw error;
        const root = await xmlRoot(file);
        return formatOfRoot(file, root.name, root.where);
    }
}
/** Streams one test report into `sink`; returns its format. */
async function parseTestReport(file, format, sink) {
    const found = await reportFormat(file, format);
    if (isCoverage(found))
        throw new errors/* UserError */.yo(`${file}: is a coverage report (${found}), not a test report; list it under 'coverage' instead of 'reports'.`);
    await TEST_PARSERS[found](file, sink);
    return found;
}
/** Reads the line totals of one LCOV or Cobertura file. */
async function parseCoverageReport(file) {
    const found = await reportFormat(file, 'auto');
    if (!isCoverage(found))
        throw new errors/* UserError */.yo(`${file}: is a test report (${found}), not a coverage report; list it under 'reports' instead of 'coverage'.`);
    return { format: found, totals: found === 'lcov' ? await parseLcov(file) : await parseCobertura(file) };
}

;// CONCATENATED MODULE: ./src/gating/output/report-json.ts


const FLUSH_AT = 64 * 1024;
/**
 * Writes the normalised JSON of all results as the tests stream by: `{"tests":[...], ...closing fields}`.
 * Synchronous buffered writes keep memory flat for a million tests. Each occurrence of a test is
 * written as its report states it; the closing totals account for reruns (flaky).
 */
class ReportJsonWriter {
    path;
    fd;
    buffer = '';
    first = true;
    constructor(path) {
        this.path = path;
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
        this.fd = (0,external_node_fs_.openSync)(path, 'w');
        this.buffer = '{"version":1,"tests":[\n';
    }
    add(test) {
        const { id, name, suite, status, message, file, line, durationMs, reportFile } = test;
        this.buffer += `${this.first ? '' : ',\n'}${JSON.stringify({ id, name, suite, status, message, file, line, durationMs, reportFile })}`;
        this.first = false;
        if (this.buffer.length >= FLUSH_AT)
            this.flush();
    }
    /** Ends the tests array with the fields that are known only at the end (totals, verdict). */
    close(closing) {
        const rest = JSON.stringify(closing).slice(1, -1);
        this.buffer += `\n]${rest ? `,${rest}` : ''}}\n`;
        this.flush();
        (0,external_node_fs_.closeSync)(this.fd);
    }
    flush() {
        (0,external_node_fs_.writeSync)(this.fd, this.buffer);
        this.buffer = '';
    }
}

;// CONCATENATED MODULE: ./src/gating/rules.ts
/** Passed (and flaky) over executed tests, in percent; 100 when nothing ran (min-tests judges that). */
function passRate(totals) {
    const passed = totals.passed + totals.flaky;
    const executed = passed + totals.failed + totals.errored;
    return executed === 0 ? 100 : (passed / executed) * 100;
}
function coveragePercent(coverage) {
    return coverage.linesValid === 0 ? 100 : (coverage.linesCovered / coverage.linesValid) * 100;
}
/** `97.5%`, `100%`, `33.33%`: at most two decimals, never rounded up to a pass. */
function percent(value) {
    return `${Math.floor(value * 100) / 100}%`;
}
const plural = (count, word) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
/** Applies every rule; the reason lists each broken rule, or sums up a pass. */
function evaluate(totals, rules, context) {
    const rate = passRate(totals);
    const coverage = context.coverage ? coveragePercent(context.coverage) : undefined;
    const violations = [];
    if (totals.total < rules.minTests) {
        violations.push(totals.total === 0
            ? `no tests were found in ${plural(context.reportFiles, 'report file')} (min-tests is ${rules.minTests})`
            : `only ${plural(totals.total, 'test')} found (min-tests is ${rules.minTests})`);
    }
    const failures = totals.failed + totals.errored;
    if (failures > rules.maxFailures)
        violations.push(`${plural(failures, 'test')} failed (max-failures is ${rules.maxFailures})`);
    if (rate < rules.minPassRate)
        violations.push(`pass rate ${percent(rate)} is below min-pass-rate ${rules.minPassRate}%`);
    if (rules.minCoverage !== undefined) {
        if (coverage === undefined)
            violations.push(`min-coverage is ${rules.minCoverage}% but no coverage report was read`);
        else if (coverage < rules.minCoverage)
            violations.push(`line coverage ${percent(coverage)} is below min-coverage ${rules.minCoverage}%`);
    }
    violations.push(...(context.extraViolations ?? []));
    const counts = [
        `${totals.passed.toLocaleString('en-US')} passed`,
        failures > 0 ? `${failures.toLocaleString('en-US')} failed` : '',
        totals.flaky > 0 ? `${totals.flaky.toLocaleString('en-US')} flaky` : '',
        totals.quarantined > 0 ? `${totals.quarantined.toLocaleString('en-US')} quarantined` : '',
        totals.skipped > 0 ? `${totals.skipped.toLocaleString('en-US')} skipped` : '',
    ].filter(Boolean);
    const summary = `${plural(totals.total, 'test')} (${counts.join(', ')}), pass rate ${percent(rate)}${coverage === undefined ? '' : `, line coverage ${percent(coverage)}`}`;
    const passed = violations.length === 0;
    return { passed, reason: passed ? `Passed: ${summary}.` : `Failed: ${violations.join('; ')} — ${summary}.`, passRate: rate, coverage, violations };
}

;// CONCATENATED MODULE: ./src/gating/gate.ts




/** Reads every report in turn (streaming, one at a time), then applies the rules. */
async function gateReports(options) {
    const writer = options.reportJson ? new ReportJsonWriter(options.reportJson) : undefined;
    const collector = new ResultCollector({
        quarantine: options.quarantine,
        maxListed: options.maxListed,
        onTest: writer ? (test) => writer.add(test) : undefined,
    });
    try {
        for (const file of options.files) {
            const sink = collector.beginFile(file);
            const entry = collector.files.at(-1);
            const format = await parseTestReport(file, options.format ?? 'auto', sink);
            if (entry)
                entry.format = format;
        }
        let coverage;
        for (const file of options.coverageFiles ?? []) {
            const { format, totals } = await parseCoverageReport(file);
            coverage ??= { linesCovered: 0, linesValid: 0, files: [] };
            coverage.linesCovered += totals.linesCovered;
            coverage.linesValid += totals.linesValid;
            coverage.files.push({ file, format });
        }
        const checks = await options.waitForChecks?.();
        const extraViolations = checks && !checks.ok ? [checks.reason] : [];
        const verdict = evaluate(collector.totals, options.rules, { reportFiles: options.files.length, coverage, extraViolations });
        writer?.close({ totals: collector.totals, passed: verdict.passed, reason: verdict.reason, passRate: verdict.passRate, coverage: verdict.coverage ?? null });
        return { verdict, totals: collector.totals, collector, coverage, checks };
    }
    catch (error) {
        writer?.close({ error: error instanceof Error ? error.message : String(error) });
        throw error;
    }
}

// EXTERNAL MODULE: ./src/actions/gate/inputs.ts
var gate_inputs = __webpack_require__(8178);
;// CONCATENATED MODULE: ./src/cli/run/gate.ts





const SHOWN_FAILURES = 20;
/** `slipway gate`: the gate action's rules over local reports; exit code 1 when the gate fails. */
async function runGate(globs, options) {
    const given = {
        reports: globs.join('\n'),
        format: String(options.format ?? ''),
        'max-failures': String(options.maxFailures ?? ''),
        'min-pass-rate': String(options.minPassRate ?? ''),
        'min-tests': String(options.minTests ?? ''),
        quarantine: (options.quarantine ?? []).join('\n'),
        coverage: (options.coverage ?? []).join('\n'),
        'min-coverage': String(options.minCoverage ?? ''),
    };
    const inputs = (0,gate_inputs/* readInputs */.K)(new runtime_inputs/* InputReader */.i((name) => given[name] ?? ''), () => { });
    const cwd = process.cwd();
    const result = await gateReports({
        files: findReports(inputs.reports, cwd),
        format: inputs.format,
        rules: { maxFailures: inputs.maxFailures, minPassRate: inputs.minPassRate, minTests: inputs.minTests, minCoverage: inputs.minCoverage },
        quarantine: inputs.quarantine,
        coverageFiles: inputs.coverage.length > 0 ? findReports(inputs.coverage, cwd, 'coverage report', 'coverage') : [],
    });
    const { verdict, totals, collector } = result;
    if (options.json) {
        const listed = (tests) => tests.map(({ id, status, message, file, line, reportFile }) => ({ id, status, message, file, line, reportFile }));
        const report = { passed: verdict.passed, reason: verdict.reason, totals, passRate: verdict.passRate, coverage: verdict.coverage ?? null, failures: listed(collector.failures), flaky: listed(collector.flaky), quarantined: listed(collector.quarantined), files: collector.files };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    }
    else {
        process.stdout.write(`${verdict.reason}\n`);
        for (const test of collector.failures.slice(0, SHOWN_FAILURES)) {
            const where = test.file ? ` (${test.file}${test.line ? `:${test.line}` : ''})` : '';
            process.stdout.write(`  ✗ ${test.id}${where}: ${capText(firstLine(test.message ?? test.details), 200) ?? test.status}\n`);
        }
        const more = totals.failed + totals.errored - Math.min(collector.failures.length, SHOWN_FAILURES);
        if (more > 0)
            process.stdout.write(`  … and ${more.toLocaleString('en-US')} more failing tests (use --json for the first ${collector.failures.length}).\n`);
    }
    if (!verdict.passed)
        process.exitCode = 1;
}


/***/ }),

/***/ 1170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
/** Parses `90s`, `10m`, `1h30m`, `500ms`, `2d` or `0` into milliseconds; undefined when not a duration. */
function parseDuration(text) {
    const value = text.trim().toLowerCase();
    if (value === '0')
        return 0;
    if (!WHOLE.test(value))
        return undefined;
    let total = 0;
    for (const [, amount, unit] of value.matchAll(PART)) {
        total += Number(amount) * UNIT_MS[unit];
    }
    return Math.round(total);
}
/** Formats milliseconds for people: `1h 5m`, `42s`, `350ms`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    const parts = [];
    let rest = Math.round(ms / 1000);
    for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60]]) {
        if (rest >= size) {
            parts.push(`${Math.floor(rest / size)}${unit}`);
            rest %= size;
        }
    }
    if (rest > 0 || parts.length === 0)
        parts.push(`${rest}s`);
    return parts.join(' ');
}


/***/ }),

/***/ 2291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ InputReader)
/* harmony export */ });
/* unused harmony export quote */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1170);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9541);


const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
function quote(value) {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
}
/**
 * Typed readers over one input source. Every reader trims the raw value, treats an empty value as
 * "not given", and throws an InputError naming the input, the value given and the accepted form.
 */
class InputReader {
    source;
    constructor(source) {
        this.source = source;
    }
    raw(name) {
        return this.source(name).trim();
    }
    fail(name, value, accepted) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(name, `Input '${name}' must be ${accepted}; got ${quote(value)}.`);
    }
    /** A value that must be given. */
    required(name) {
        const value = this.raw(name);
        if (!value)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(name, `Input required and not supplied: '${name}'. Set it in the step's 'with:' block.`);
        return value;
    }
    string(name, fallback) {
        return this.raw(name) || fallback;
    }
    /** YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them. */
    boolean(name, fallback) {
        const value = this.raw(name);
        if (!value)
            return fallback;
        if (TRUE.includes(value))
            return true;
        if (FALSE.includes(value))
            return false;
        return this.fail(name, value, '`true` or `false`');
    }
    integer(name, options) {
        const value = this.raw(name);
        if (!value)
            return options.fallback;
        const parsed = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
        return this.inRange(name, value, parsed, 'an integer', options);
    }
    number(name, options) {
        const value = this.raw(name);
        if (!value)
            return options.fallback;
        const parsed = /^[+-]?(\d+\.?\d*|\.\d+)%?$/.test(value) ? Number(value.replace(/%$/, '')) : Number.NaN;
        return this.inRange(name, value, parsed, 'a number', options);
    }
    inRange(name, value, parsed, kind, { min, max }) {
        const tooSmall = min !== undefined && parsed < min;
        const tooLarge = max !== undefined && parsed > max;
        if (Number.isNaN(parsed) || !Number.isFinite(parsed) || tooSmall || tooLarge) {
            const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : '';
            this.fail(name, value, `${kind}${range}`);
        }
        return parsed;
    }
    duration(name, fallback) {
        const value = this.raw(name) || fallback;
        if (value === undefined)
            return undefined;
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E)(value);
        if (ms === undefined)
            this.fail(name, value, 'a duration such as `30s`, `10m`, `1h30m` or `0`');
        return ms;
    }
    choice(name, accepted, fallback) {
        const value = this.raw(name);
        if (!value)
            return fallback;
        if (!accepted.includes(value))
            this.fail(name, value, `one of ${accepted.map((a) => `\`${a}\``).join(', ')}`);
        return value;
    }
    /** Items separated by newlines (and by commas unless `newlineOnly`, for globs that may hold commas). */
    list(name, options = {}) {
        const separator = options.newlineOnly ? /\r?\n/ : /[\r\n,]+/;
        return this.raw(name)
            .split(separator)
            .map((item) => item.trim())
            .filter((item) => item !== '' && !item.startsWith('#'));
    }
}


/***/ })

};
