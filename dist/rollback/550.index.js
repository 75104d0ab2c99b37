export const id = 550;
export const ids = [550];
export const modules = {

/***/ 3550:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/runtime/duration.ts
var duration = __webpack_require__(11170);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(86856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
;// CONCATENATED MODULE: ./src/runtime/github-client.ts




/** Counts the requests a client makes, per `METHOD /route`, for budgets in tests and benchmarks. */
class RequestCounter {
    total = 0;
    byRoute = new Map();
    record(method, route) {
        this.total += 1;
        const key = `${method.toUpperCase()} ${route}`;
        this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
    }
}
function writePacing(intervalMs) {
    if (intervalMs === undefined)
        return {};
    const group = (id) => new (light_default()).Group({ id, maxConcurrent: 1, minTime: intervalMs, timeout: 120_000 });
    return { write: group('slipway-write'), notifications: group('slipway-notifications') };
}
/**
 * The one GitHub client every action uses: retries transient failures, waits out rate limits as
 * GitHub asks (`retry-after`, `x-ratelimit-reset`), and counts requests.
 */
function createGitHubClient(options) {
    const log = options.log ?? (() => { });
    const rateLimitRetries = options.rateLimitRetries ?? 3;
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        if (retryCount >= rateLimitRetries)
            return false;
        log(`GitHub ${kind} rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`);
        return true;
    };
    const client = (0,github/* getOctokit */.Q)(options.token, {
        baseUrl: options.apiUrl?.replace(/\/+$/, ''),
        retry: { retries: options.retries ?? 3, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
        throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary'), ...writePacing(options.writeIntervalMs) },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    if (options.graphqlUrl) {
        // An absolute url wins over baseUrl; baseUrl is set too so octokit's GHES rule (…/api/v3 →
        // …/api/graphql) cannot replace the URL the runner gave us.
        const url = options.graphqlUrl;
        client.graphql = client.graphql.defaults({ baseUrl: url, url });
    }
    const counter = options.counter;
    if (counter) {
        client.hook.wrap('request', async (request, requestOptions) => {
            counter.record(requestOptions.method, String(requestOptions.url));
            return request(requestOptions);
        });
    }
    return client;
}

;// CONCATENATED MODULE: ./src/runtime/summary.ts
/** GitHub refuses a step summary over 1 MiB (1,048,576 bytes). */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;
const NOTE_ROOM = 300;
/**
 * Shortens Markdown to fit `limit` UTF-8 bytes, cutting at a line boundary and ending with a
 * visible note saying how much was left out.
 */
function fitSummary(markdown, limit = SUMMARY_LIMIT_BYTES) {
    const bytes = Buffer.byteLength(markdown, 'utf8');
    if (bytes <= limit)
        return markdown;
    const kept = Buffer.from(markdown, 'utf8').subarray(0, Math.max(0, limit - NOTE_ROOM)).toString('utf8');
    const atLine = kept.lastIndexOf('\n');
    // A partial multi-byte character decodes to U+FFFD; cutting at a line boundary also drops it.
    const body = (atLine > 0 ? kept.slice(0, atLine) : kept).replace(/\uFFFD$/, '');
    const shown = Buffer.byteLength(body, 'utf8');
    return `${body}\n\n> **Summary truncated:** ${shown.toLocaleString('en-US')} of ${bytes.toLocaleString('en-US')} bytes shown (GitHub's step-summary limit is 1 MiB).\n`;
}
/** Makes text safe inside a Markdown table cell. */
function tableCell(value) {
    return String(value ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
function markdownTable(headers, rows) {
    const line = (cells) => `| ${cells.map(tableCell).join(' | ')} |`;
    return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/runtime/run-action.ts + 2 modules
var run_action = __webpack_require__(38791);
;// CONCATENATED MODULE: ./src/runtime/toolkit.ts



// Input reading is part of the light runtime that runs before an action's main module is loaded.

/** Writes every output, skipping undefined ones; values that are not strings are JSON-encoded. */
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs)) {
        if (value === undefined)
            continue;
        core.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
}
/** Appends Markdown to the step summary without passing GitHub's 1 MiB limit for the step. */
function writeJobSummary(markdown, file = process.env.GITHUB_STEP_SUMMARY) {
    if (!file)
        return;
    let used = 0;
    try {
        used = (0,external_node_fs_.statSync)(file).size;
    }
    catch {
        // no summary written yet
    }
    const remaining = SUMMARY_LIMIT_BYTES - used;
    if (Buffer.byteLength(markdown, 'utf8') <= remaining)
        (0,external_node_fs_.appendFileSync)(file, markdown);
    // Too little room left for the truncation note: an earlier write already ended with it, or the limit is reached.
    else if (remaining >= NOTE_ROOM)
        (0,external_node_fs_.appendFileSync)(file, fitSummary(markdown, remaining));
}
/** A non-negative number of milliseconds from an environment variable, if set. */
function millisecondsFromEnv(name) {
    const text = process.env[name]?.trim();
    const value = Number(text);
    return text && Number.isFinite(value) && value >= 0 ? value : undefined;
}


;// CONCATENATED MODULE: ./src/runtime/action-github-client.ts



/** A GitHub client for the running workflow, honouring GITHUB_API_URL and GITHUB_GRAPHQL_URL. */
function actionGitHubClient(token, counter = new RequestCounter()) {
    return createGitHubClient({
        token,
        apiUrl: process.env.GITHUB_API_URL,
        graphqlUrl: process.env.GITHUB_GRAPHQL_URL,
        retryBaseMs: millisecondsFromEnv('SLIPWAY_RETRY_BASE_MS'),
        writeIntervalMs: millisecondsFromEnv('SLIPWAY_WRITE_INTERVAL_MS'),
        counter,
        log: (message) => core.info(message),
    });
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(56118);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(20663);
// EXTERNAL MODULE: ./src/runtime/errors.ts
var errors = __webpack_require__(9541);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
;// CONCATENATED MODULE: ./src/packaging/digest-stream.ts




/** Passes bytes through unchanged while hashing and counting them, so nothing is read twice. */
class DigestStream extends external_node_stream_.Transform {
    hash = (0,external_node_crypto_.createHash)('sha256');
    bytes = 0;
    _transform(chunk, _encoding, callback) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        callback(null, chunk);
    }
    /** `sha256:<hex>`; call once, after the stream has finished. */
    digest() {
        return `sha256:${this.hash.digest('hex')}`;
    }
}
/** The SHA-256 of a whole file, as `sha256:<hex>`. */
async function sha256File(path) {
    const digest = new DigestStream();
    // Only the hash is wanted: the bytes are dropped once hashed.
    await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(path), digest, new external_node_stream_.Writable({ write: (_chunk, _encoding, callback) => callback() }));
    return digest.digest();
}

;// CONCATENATED MODULE: ./src/packaging/reproducible.ts


/** 1980-01-01T00:00:00Z: the earliest time a zip entry can carry, and the fallback source date. */
const EARLIEST_SOURCE_DATE = 315_532_800;
/** Modes depend only on the kind of entry and the executable bit, never on the builder's umask. */
function normalMode(type, mode = 0) {
    if (type === 'directory')
        return 0o755;
    if (type === 'symlink')
        return 0o777;
    return mode & 0o111 ? 0o755 : 0o644;
}
/**
 * The time written into every entry: SOURCE_DATE_EPOCH when set (the reproducible-builds.org
 * convention), else the commit time, else 1980-01-01 so that the result still never depends on
 * when it was built.
 */
function resolveSourceDate(options) {
    const given = options.sourceDateEpoch?.trim();
    if (given) {
        if (!/^\d+$/.test(given))
            throw new UserError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; got ${JSON.stringify(given)}.`);
        return Number(given);
    }
    return options.commitTime ?? EARLIEST_SOURCE_DATE;
}
/**
 * A Date for yazl whose "local" fields are the UTC fields of `epoch`: yazl encodes the DOS time
 * from local fields, which would make the zip depend on the builder's time zone.
 */
function zipDate(epoch) {
    return new UtcFieldsDate(Math.min(Math.max(epoch, EARLIEST_SOURCE_DATE), 4_354_819_198) * 1000);
}
class UtcFieldsDate extends (/* unused pure expression or super */ null && (Date)) {
    getFullYear() {
        return this.getUTCFullYear();
    }
    getMonth() {
        return this.getUTCMonth();
    }
    getDate() {
        return this.getUTCDate();
    }
    getHours() {
        return this.getUTCHours();
    }
    getMinutes() {
        return this.getUTCMinutes();
    }
    getSeconds() {
        return this.getUTCSeconds();
    }
}
/**
 * Node already leaves the name and time out of the gzip header; this also fixes the OS byte,
 * which zlib sets from the platform it was built for.
 */
function normaliseGzipHeader() {
    let offset = 0;
    return new Transform({
        transform(chunk, _encoding, callback) {
            if (offset < 10) {
                chunk = Buffer.from(chunk);
                for (let i = 0; i < chunk.length && offset + i < 10; i++) {
                    const at = offset + i;
                    if (at >= 4 && at <= 7)
                        chunk[i] = 0; // MTIME
                    if (at === 9)
                        chunk[i] = 3; // OS: Unix
                }
            }
            offset += chunk.length;
            callback(null, chunk);
        },
    });
}
/** The gzip settings every artefact is compressed with. */
const GZIP_OPTIONS = { level: 6, memLevel: 8 };

;// CONCATENATED MODULE: ./src/packaging/extract.ts












/**
 * Verifies `file` against `expectedDigest` (`sha256:<hex>`) and only then extracts it into
 * `targetDir`. The format is read from the content: tar.gz, zip, or a Debian package (its
 * data.tar.gz). Entries that would land outside `targetDir` (absolute, `..`, through a symlink,
 * a symlink pointing out) and special files are refused; on any refusal everything this call
 * extracted is removed again.
 */
async function verifyAndExtract(options) {
    const expected = options.expectedDigest.trim().toLowerCase();
    if (!/^sha256:[0-9a-f]{64}$/.test(expected)) {
        throw new errors/* UserError */.yo(`Expected digest ${JSON.stringify(options.expectedDigest)} is not valid: give 'sha256:' followed by 64 hex digits, as the package action's 'digest' output.`);
    }
    const digest = await sha256File(options.file).catch((error) => {
        throw new errors/* UserError */.yo(`Cannot read artefact '${options.file}': ${error.code ?? String(error)}.`);
    });
    if (digest !== expected) {
        throw new errors/* UserError */.yo(`Artefact '${options.file}' does not match its digest: expected ${expected}, got ${digest}; nothing was extracted. Use the artefact the digest was recorded for.`);
    }
    const format = await detectFormat(options.file);
    const target = await SafeTarget.create(options.targetDir, options.file);
    try {
        if (format === 'zip')
            await extractZip(options.file, target);
        else if (format === 'deb')
            await extractTar(await debData(options.file), target);
        else
            await extractTar((0,external_node_fs_.createReadStream)(options.file).pipe((0,external_node_zlib_.createGunzip)()), target);
        await target.checkLinks();
    }
    catch (error) {
        await target.undo();
        if (error instanceof errors/* UserError */.yo)
            throw error;
        throw new errors/* UserError */.yo(`Cannot extract '${options.file}': ${error instanceof Error ? error.message : String(error)}; nothing was extracted.`);
    }
    return { digest, files: target.files };
}
async function detectFormat(file) {
    const handle = await (0,promises_.open)(file, 'r');
    const head = Buffer.alloc(8);
    try {
        await handle.read(head, 0, 8, 0);
    }
    finally {
        await handle.close();
    }
    if (head[0] === 0x1f && head[1] === 0x8b)
        return 'tar.gz';
    if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) || head.subarray(0, 4).equals(Buffer.from('PK\x05\x06', 'latin1')))
        return 'zip';
    if (head.equals(Buffer.from('!<arch>\n')))
        return 'deb';
    throw new errors/* UserError */.yo(`Artefact '${file}' is not a tar.gz, zip or Debian package (its first bytes are ${head.toString('hex')}).`);
}
/** The data member of a .deb (an ar archive), as a stream of tar bytes. */
async function debData(file) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const { size } = await handle.stat();
        for (let offset = 8; offset + 60 <= size;) {
            const header = Buffer.alloc(60);
            await handle.read(header, 0, 60, offset);
            const name = header.toString('latin1', 0, 16).trim().replace(/\/$/, '');
            const length = Number(header.toString('latin1', 48, 58).trim());
            if (!Number.isSafeInteger(length) || header.toString('latin1', 58, 60) !== '`\n')
                break;
            const start = offset + 60;
            if (name === 'data.tar.gz')
                return (0,external_node_fs_.createReadStream)(file, { start, end: start + length - 1 }).pipe((0,external_node_zlib_.createGunzip)());
            if (name === 'data.tar')
                return (0,external_node_fs_.createReadStream)(file, { start, end: start + length - 1 });
            if (name.startsWith('data.tar'))
                throw new errors/* UserError */.yo(`Debian package '${file}' holds ${name}; only data.tar.gz and data.tar can be extracted.`);
            offset = start + length + (length % 2);
        }
    }
    finally {
        await handle.close();
    }
    throw new errors/* UserError */.yo(`Debian package '${file}' has no data.tar member; it is not a valid .deb.`);
}
async function extractTar(source, target) {
    const extract = tar_stream.extract();
    source.on('error', (error) => extract.destroy(error));
    source.pipe(extract);
    for await (const entry of extract) {
        const { name, type, mode, linkname } = entry.header;
        if (type === 'file' || type === 'contiguous-file')
            await target.file(name, mode, entry);
        else if (type === 'directory')
            await target.directory(name);
        else if (type === 'symlink')
            await target.symlink(name, linkname ?? '');
        else
            target.refuse(name, type === 'link' ? 'is a hard link' : `is a ${type}, not a file, directory or symlink`);
        entry.resume();
    }
}
async function extractZip(file, target) {
    const zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
    try {
        for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
            const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
            const unix = entry.versionMadeBy >> 8 === 3;
            const mode = unix ? entry.externalFileAttributes >>> 16 : 0;
            const kind = mode & 0o170000;
            if (name.endsWith('/') || kind === 0o040000)
                await target.directory(name);
            else if (kind === 0o120000)
                await target.symlink(name, await readAll(await zip.openReadStreamPromise(entry), 4096, name, target));
            else if (kind === 0 || kind === 0o100000)
                await target.file(name, mode, await zip.openReadStreamPromise(entry));
            else
                target.refuse(name, 'is a device, FIFO or socket, not a file, directory or symlink');
        }
    }
    finally {
        zip.close();
    }
}
function nextEntry(zip) {
    return new Promise((resolve, reject) => {
        const cleanup = () => {
            zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        };
        const onEntry = (entry) => (cleanup(), resolve(entry));
        const onEnd = () => (cleanup(), resolve(undefined));
        const onError = (error) => (cleanup(), reject(error));
        zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
        zip.readEntry();
    });
}
async function readAll(stream, limit, name, target) {
    const chunks = [];
    let size = 0;
    for await (const chunk of stream) {
        size += chunk.length;
        if (size > limit)
            target.refuse(name, `is a symlink with a target over ${limit} bytes`);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
/** Writes entries under one root, refusing anything that would land or point outside it. */
class SafeTarget {
    root;
    archive;
    files = 0;
    created = [];
    links = [];
    constructor(root, archive) {
        this.root = root;
        this.archive = archive;
    }
    static async create(targetDir, archive) {
        const wanted = external_node_path_default().resolve(targetDir);
        const missing = [];
        for (let dir = wanted; !(await (0,promises_.lstat)(dir).catch(() => undefined)); dir = external_node_path_default().dirname(dir))
            missing.unshift(dir);
        await (0,promises_.mkdir)(wanted, { recursive: true }).catch((error) => {
            throw new errors/* UserError */.yo(`Cannot create target directory '${wanted}': ${error.code ?? String(error)}; nothing was extracted.`);
        });
        const target = new SafeTarget(await (0,promises_.realpath)(wanted), archive);
        target.created.push(...missing);
        return target;
    }
    refuse(name, reason) {
        throw new errors/* UserError */.yo(`Refusing to extract '${this.archive}': entry ${JSON.stringify(name)} ${reason}; nothing was extracted.`);
    }
    /** The absolute destination of an entry, after checking the name and every directory above it. */
    async destination(name) {
        if (name.includes('\\'))
            this.refuse(name, 'has a backslash in its name');
        if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
            this.refuse(name, 'has an absolute path');
        const parts = name.split('/').filter((part) => part !== '' && part !== '.');
        if (parts.includes('..'))
            this.refuse(name, "has a '..' segment that would leave the target directory");
        if (parts.length === 0)
            return undefined;
        let dir = this.root;
        for (const part of parts.slice(0, -1)) {
            dir = external_node_path_default().join(dir, part);
            const stats = await (0,promises_.lstat)(dir).catch(() => undefined);
            if (stats?.isSymbolicLink())
                this.refuse(name, `would be written through the symlink '${external_node_path_default().relative(this.root, dir)}'`);
            if (stats && !stats.isDirectory())
                this.refuse(name, `is inside '${external_node_path_default().relative(this.root, dir)}', which is not a directory`);
            if (!stats) {
                await (0,promises_.mkdir)(dir);
                this.created.push(dir);
            }
        }
        return external_node_path_default().join(dir, parts[parts.length - 1] ?? '');
    }
    async directory(name) {
        const dest = await this.destination(name);
        if (!dest)
            return;
        const stats = await (0,promises_.lstat)(dest).catch(() => undefined);
        if (stats?.isDirectory())
            return;
        if (stats)
            this.refuse(name, 'is a directory where the target already has a file or symlink');
        await (0,promises_.mkdir)(dest, { mode: 0o755 });
        this.created.push(dest);
    }
    async file(name, mode, content) {
        const dest = await this.destination(name);
        if (!dest)
            this.refuse(name, 'has no file name');
        // 'wx' fails on anything already there, a symlink included, so nothing is written through one.
        const out = (0,external_node_fs_.createWriteStream)(dest, { flags: 'wx', mode: 0o600 });
        try {
            await (0,external_node_events_.once)(out, 'open');
        }
        catch {
            this.refuse(name, 'would overwrite something already extracted or present in the target');
        }
        this.created.push(dest);
        for await (const chunk of content) {
            if (!out.write(chunk))
                await (0,external_node_events_.once)(out, 'drain');
        }
        out.end();
        await (0,external_node_stream_promises_.finished)(out);
        await (0,promises_.chmod)(dest, normalMode('file', mode));
        this.files += 1;
    }
    async symlink(name, target) {
        const dest = await this.destination(name);
        if (!dest)
            this.refuse(name, 'is a symlink without a name');
        if (!target || external_node_path_default().isAbsolute(target) || target.includes('\\') || !isInside(this.root, external_node_path_default().resolve(external_node_path_default().dirname(dest), target))) {
            this.refuse(name, `is a symlink to ${JSON.stringify(target)}, outside the target directory`);
        }
        await (0,promises_.symlink)(target, dest).catch(() => this.refuse(name, 'would overwrite something already extracted or present in the target'));
        this.created.push(dest);
        this.links.push(name);
    }
    /** Once everything exists, follows every link as the OS would: a chain of links may not lead out either. */
    async checkLinks() {
        for (const name of this.links) {
            const dest = external_node_path_default().join(this.root, ...name.split('/').filter((part) => part !== '' && part !== '.'));
            if ((await resolveWithin(this.root, external_node_path_default().dirname(dest), await (0,promises_.readlink)(dest), 0)) === undefined) {
                this.refuse(name, 'is a symlink that leads outside the target directory through other symlinks');
            }
        }
    }
    async undo() {
        for (const created of this.created.reverse())
            await (0,promises_.rm)(created, { recursive: true, force: true });
    }
}
/** Where `target`, followed from `dir`, ends up, or undefined if it passes outside `root` on the way. */
async function resolveWithin(root, dir, target, depth) {
    if (depth > 40 || external_node_path_default().isAbsolute(target))
        return undefined;
    let current = dir;
    for (const part of target.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (current === root)
                return undefined;
            current = external_node_path_default().dirname(current);
            continue;
        }
        const next = external_node_path_default().join(current, part);
        const stats = await (0,promises_.lstat)(next).catch(() => undefined);
        if (stats?.isSymbolicLink()) {
            const resolved = await resolveWithin(root, current, await (0,promises_.readlink)(next), depth + 1);
            if (resolved === undefined)
                return undefined;
            current = resolved;
        }
        else {
            current = next;
        }
    }
    return isInside(root, current) ? current : undefined;
}
function isInside(root, candidate) {
    const relative = external_node_path_default().relative(root, candidate);
    return relative === '' || (!relative.startsWith(`..${(external_node_path_default()).sep}`) && relative !== '..' && !external_node_path_default().isAbsolute(relative));
}

// EXTERNAL MODULE: ./src/promotion/clock.ts
var promotion_clock = __webpack_require__(40171);
;// CONCATENATED MODULE: ./src/promotion/github-api.ts
/** Adapts an Octokit instance (whose overloads are too precise to assign directly). */
function gitHubApi(client, options = {}) {
    const octokit = client;
    return { request: (route, params) => octokit.request(route, params), graphql: (query, variables) => octokit.graphql(query, variables), ...options };
}
function parseRepo(text) {
    const [owner, name, ...rest] = text.split('/');
    if (!owner || !name || rest.length > 0)
        throw new Error(`expected owner/name, got '${text}'`);
    return { owner, name };
}

// EXTERNAL MODULE: ./src/promotion/history.ts
var promotion_history = __webpack_require__(33829);
;// CONCATENATED MODULE: ./src/runtime/create-once.ts
/**
 * Creating something on GitHub exactly once when an answer can be lost.
 *
 * A POST whose response is lost (a 502 from a proxy, a dropped connection) may still have been
 * applied, so blindly retrying it creates a duplicate: that is what the client's retry plugin does.
 * `createOnce` sends the create once, and after a failure that might have been applied asks `find()`
 * whether the thing now exists before creating again.
 *
 * The caller sends `create` with automatic retries off, e.g. `request: { retries: 0 }` in the
 * octokit request options, and makes `find` look the object up by something unique the create set
 * (a check run's name and `external_id`, a release's tag). Rate limits are still waited out by the
 * client's throttling, which never lets a limited request through.
 */
const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_\w+)$/;
function errorCode(error) {
    const code = error.code;
    if (typeof code === 'string')
        return code;
    const cause = error.cause;
    return typeof cause === 'object' && cause !== null ? errorCode(cause) : undefined;
}
/**
 * Whether a failed create might have been applied, or would succeed if sent again: a 5xx answer (octokit
 * also reports a failed fetch as status 500), a 408, or a network error with no answer at all. A 4xx
 * answer is GitHub refusing the request, so it is final.
 */
function mayHaveBeenApplied(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const status = error.status;
    if (typeof status === 'number')
        return status >= 500 || status === 408;
    const code = errorCode(error);
    if (code !== undefined)
        return NETWORK_CODES.test(code);
    return error instanceof TypeError && /fetch failed|network|socket|terminated/i.test(error.message);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Creates an object once: sends `create`; on a failure that may have been applied, waits, and returns
 * what `find` finds, else sends `create` again, up to `attempts` times. A failure that cannot have been
 * applied, an error from `find`, or the last failure is thrown.
 */
async function createOnce(options) {
    const attempts = Math.max(1, Math.floor(options.attempts ?? 4));
    const backoffMs = Math.max(0, options.backoffMs ?? 1000);
    for (let attempt = 1;; attempt += 1) {
        try {
            return await options.create();
        }
        catch (error) {
            if (!mayHaveBeenApplied(error))
                throw error;
            // Wait before looking, so a create GitHub applied late is visible to the look-up.
            await sleep(attempt * attempt * backoffMs);
            const found = await options.find();
            if (found !== undefined)
                return found;
            if (attempt >= attempts)
                throw error;
        }
    }
}

;// CONCATENATED MODULE: ./src/promotion/deployment-record.ts


/** GitHub refuses longer deployment and status descriptions. */
const DESCRIPTION_LIMIT = 140;
function clip(text, limit = DESCRIPTION_LIMIT) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}
/** Sent with each create: the client must not retry a write by itself (its answer may be lost after GitHub applied it). */
const NO_RETRY = { request: { retries: 0 } };
function parsePayload(value) {
    try {
        const payload = typeof value === 'string' ? JSON.parse(value) : value;
        return payload !== null && typeof payload === 'object' ? payload : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The deployment an earlier attempt of this create made, if GitHub applied it but its answer was
 * lost: one of this environment, sha and task whose payload names this run (`run_url`, with the
 * attempt) and this release. Only asked after a failed create, so the common path costs nothing.
 */
async function findCreated(gh, repo, deployment) {
    const response = await gh.request('GET /repos/{owner}/{repo}/deployments', { owner: repo.owner, repo: repo.name, environment: deployment.environment, sha: deployment.sha, task: deployment.task, per_page: 30 });
    const found = response.data.find((d) => {
        const payload = parsePayload(d.payload);
        return payload?.slipway === 1 && payload.run_url === deployment.payload.run_url && payload.digest === deployment.payload.digest && payload.version === deployment.payload.version;
    });
    return found?.id;
}
/**
 * Creates the deployment record: never auto-merged, status checks only as asked (gating belongs to
 * `gate`). Exactly once: sent without automatic retries, and after a failure that GitHub may have
 * applied, the record is looked for before creating again.
 */
async function createDeployment(gh, repo, deployment) {
    const create = async () => {
        const response = await gh.request('POST /repos/{owner}/{repo}/deployments', {
            owner: repo.owner,
            repo: repo.name,
            ref: deployment.sha,
            environment: deployment.environment,
            task: deployment.task,
            auto_merge: false,
            required_contexts: deployment.requiredContexts,
            production_environment: deployment.production,
            transient_environment: deployment.transient,
            payload: deployment.payload,
            description: clip(deployment.description),
            ...NO_RETRY,
        });
        const id = response.data.id;
        if (response.status !== 201 || typeof id !== 'number') {
            throw new errors/* UserError */.yo(`GitHub did not create the deployment to '${deployment.environment}': ${response.data.message ?? `status ${response.status}`}.`);
        }
        return id;
    };
    try {
        return await createOnce({ create, find: () => findCreated(gh, repo, deployment), backoffMs: gh.writeBackoffMs });
    }
    catch (error) {
        const status = error.status;
        if (status === 409 || status === 422)
            throw new errors/* UserError */.yo(`GitHub refused the deployment to '${deployment.environment}' (${status}): ${error.message}`);
        throw error;
    }
}
/**
 * Posts a status; `auto_inactive` is off because Slipway retires earlier deployments itself (see
 * `retire`). Exactly once: after a failure GitHub may have applied, a latest status already in the
 * intended state (and description) is taken as this one.
 */
async function setStatus(gh, repo, deploymentId, update) {
    const params = { owner: repo.owner, repo: repo.name, deployment_id: deploymentId };
    const description = clip(update.description);
    await createOnce({
        create: async () => {
            await gh.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
                ...params,
                state: update.state,
                description,
                ...(update.logUrl ? { log_url: update.logUrl } : {}),
                ...(update.environmentUrl ? { environment_url: update.environmentUrl } : {}),
                auto_inactive: false,
                ...NO_RETRY,
            });
            return true;
        },
        find: async () => {
            const response = await gh.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { ...params, per_page: 1 });
            const [latest] = response.data;
            return latest?.state === update.state && (latest.description ?? '') === description ? true : undefined;
        },
        backoffMs: gh.writeBackoffMs,
    });
}
/**
 * The earlier deployments a new success replaces: those of the same environment still `success`,
 * and with blue/green only those of the same slot, since the other slot stays deployed (warm).
 */
function supersededBy(entries, deploymentId, slot) {
    return entries.filter((e) => e.id !== deploymentId && e.state === 'success' && (slot === null || (e.payload?.slot ?? null) === slot));
}
/** Marks each given deployment `inactive` explicitly (`auto_inactive` skips production environments). */
async function retire(gh, repo, entries, replacement) {
    for (const entry of entries) {
        await setStatus(gh, repo, entry.id, { state: 'inactive', description: `Replaced by deployment ${replacement}` });
    }
}

// EXTERNAL MODULE: ./src/promotion/deploy-command.ts
var deploy_command = __webpack_require__(41462);
// EXTERNAL MODULE: ./src/promotion/dir-target.ts
var dir_target = __webpack_require__(23530);
;// CONCATENATED MODULE: ./src/promotion/verify.ts



/** A failed health or version check; triggers a rollback when `rollback-on-failure` is on. */
class VerificationError extends errors/* UserError */.yo {
    name = 'VerificationError';
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function fieldAt(value, path) {
    return path.split('.').reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), value);
}
function anyFieldEquals(value, version) {
    if (typeof value === 'string')
        return value === version;
    if (value !== null && typeof value === 'object')
        return Object.values(value).some((v) => anyFieldEquals(v, version));
    return false;
}
/** Whether a body carries the version: as a whole token (so `1.2` does not match `1.2.3`), or as a JSON field's value. */
function carriesVersion(body, expect) {
    let json;
    try {
        json = JSON.parse(body);
    }
    catch {
        json = undefined;
    }
    if (expect.field)
        return json !== undefined && String(fieldAt(json, expect.field)) === expect.version;
    const token = new RegExp(`(^|[^A-Za-z0-9.+-])${escapeRegExp(expect.version)}($|[^A-Za-z0-9.+-])`);
    return token.test(body) || (json !== undefined && anyFieldEquals(json, expect.version));
}
/** One request: 2xx, and the version when one is expected. */
async function checkOnce(options) {
    const doFetch = options.fetch ?? fetch;
    const timeout = AbortSignal.timeout(options.requestTimeoutMs ?? 10_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
        const response = await doFetch(options.url, { signal, headers: { 'cache-control': 'no-cache' } });
        const body = await response.text();
        if (response.status < 200 || response.status > 299)
            return { ok: false, detail: `HTTP ${response.status}` };
        if (options.expect && !carriesVersion(body, options.expect)) {
            const where = options.expect.field ? `field '${options.expect.field}'` : 'body';
            return { ok: false, detail: `${where} does not carry version ${options.expect.version}` };
        }
        return { ok: true };
    }
    catch (error) {
        (0,promotion_clock/* throwIfCancelled */.dZ)(options.signal);
        return { ok: false, detail: error.message };
    }
}
/** Polls until a check passes, within `timeoutMs`; throws a VerificationError with the last failure. */
async function waitUntilHealthy(options) {
    const start = options.clock.now();
    for (let attempts = 1;; attempts++) {
        const result = await checkOnce(options);
        if (result.ok)
            return { attempts };
        const elapsed = options.clock.now() - start;
        if (elapsed + options.intervalMs > options.timeoutMs) {
            throw new VerificationError(`Verification of ${options.url} failed: ${result.detail} after ${attempts} attempts in ${(0,duration/* formatDuration */.a)(elapsed)} (verify-timeout ${(0,duration/* formatDuration */.a)(options.timeoutMs)}).`);
        }
        await options.clock.sleep(options.intervalMs, options.signal);
    }
}
/** Checks every `intervalMs` for `durationMs` after traffic moved; throws on the first failed check. */
async function soakWatch(options) {
    const end = options.clock.now() + options.durationMs;
    let checks = 0;
    while (options.clock.now() < end) {
        await options.clock.sleep(Math.min(options.intervalMs, end - options.clock.now()), options.signal);
        const result = await checkOnce(options);
        checks++;
        if (!result.ok)
            throw new VerificationError(`Soak watch of ${options.url} failed: ${result.detail} (check ${checks}).`);
    }
    return { checks };
}

;// CONCATENATED MODULE: ./src/promotion/delivery.ts







function expectation(settings, version) {
    if (settings.verifyVersion === false)
        return undefined;
    return settings.verifyVersion === true ? { version } : { version, field: settings.verifyVersion };
}
/** Puts a release in place (a `releases/` directory, or a scratch directory); returns the SLIPWAY_* environment for its commands. */
async function place(settings, deps, release, previous) {
    let file = release.file;
    if (!file) {
        if (!release.artifact || !deps.fetchArtifact)
            throw new Error(`the artefact of ${release.version} is not available to redeploy`);
        file = await deps.fetchArtifact(release.artifact);
    }
    const extract = (targetDir) => deps.extract({ file: file, expectedDigest: release.digest, targetDir }).then(() => undefined);
    let dir;
    if (settings.target) {
        const name = (0,dir_target/* releaseName */["do"])(release.version, release.digest);
        dir = await settings.target.install(name, extract);
        if (release.slot) {
            await settings.target.point(name, release.slot);
            // `preview` always links the slot just staged, so a fixed preview URL can serve it.
            await settings.target.point(name, dir_target/* PREVIEW_LINK */.Kg);
        }
    }
    else {
        dir = (0,external_node_path_.join)(await (0,promises_.mkdtemp)((0,external_node_path_.join)(deps.workDir, 'release-')), 'files');
        await (0,promises_.mkdir)(dir);
        await extract(dir);
    }
    return (0,deploy_command/* releaseEnv */.Db)({ artifactDir: dir, artifactFile: file, version: release.version, digest: release.digest, environment: settings.environment, slot: release.slot, previousVersion: previous?.version });
}
/** Puts a release in place and runs `deploy-command` on it. */
async function stage(settings, deps, release, previous) {
    const env = await place(settings, deps, release, previous);
    await (0,deploy_command/* runCommand */.d1)(deps.exec, 'deploy-command', settings.deployCommand, env, deps.signal);
    return env;
}
/** Moves traffic to a staged release: the user's switch command, or the atomic `current` symlink. */
async function switchTo(settings, deps, release, signal) {
    if (settings.strategy === 'blue-green' && settings.switchCommand.length > 0) {
        const env = { SLIPWAY_SLOT: release.slot ?? '', SLIPWAY_VERSION: release.version, SLIPWAY_DIGEST: release.digest, SLIPWAY_ENVIRONMENT: settings.environment };
        await (0,deploy_command/* runCommand */.d1)(deps.exec, 'switch-command', settings.switchCommand, env, signal);
    }
    else if (settings.target) {
        await settings.target.point((0,dir_target/* releaseName */["do"])(release.version, release.digest));
    }
}
/** Whether traffic moves by a separate switch (blue/green or the `dir:` symlink) rather than by `deploy-command` itself. */
function switches(settings) {
    return settings.strategy === 'blue-green' || settings.target !== undefined;
}
/** Restores the previous release after a failure: a switch back when it is still staged, else a redeploy of its artefact. */
async function restore(settings, deps, previous) {
    if (switches(settings) && (settings.strategy === 'blue-green' || (await settings.target?.has((0,dir_target/* releaseName */["do"])(previous.version, previous.digest))))) {
        // Not cancellable: a cancelled run must still leave the previous release live.
        await switchTo(settings, { ...deps, signal: undefined }, previous);
        return;
    }
    await stage(settings, { ...deps, signal: undefined }, previous, undefined);
    await switchTo(settings, { ...deps, signal: undefined }, previous);
}
/**
 * Delivers a release: stage it (in the idle slot with blue/green), verify the preview, run
 * migrations once, move traffic, verify the live URL and watch it for `soak-watch`. If anything
 * fails after traffic moved, or the run is cancelled, traffic goes back to `previous` (a
 * cancelled run always; a failed check when `rollback-on-failure`).
 */
async function deliver(settings, deps, release, previous) {
    const expect = expectation(settings, release.version);
    const poll = { clock: deps.clock, timeoutMs: settings.verifyTimeoutMs, intervalMs: settings.pollMs, fetch: deps.fetch, signal: deps.signal, expect };
    let trafficMoved = false;
    try {
        if (switches(settings)) {
            const env = release.staged
                ? (0,deploy_command/* releaseEnv */.Db)({ artifactDir: '', artifactFile: '', version: release.version, digest: release.digest, environment: settings.environment, slot: release.slot, previousVersion: previous?.version })
                : await stage(settings, deps, release, previous);
            if (settings.strategy === 'blue-green' && settings.previewUrl && !release.staged) {
                deps.log(`Verifying the ${release.slot} slot on ${settings.previewUrl}.`);
                await waitUntilHealthy({ ...poll, url: settings.previewUrl });
            }
            await (0,deploy_command/* runCommand */.d1)(deps.exec, 'migrate-command', settings.migrateCommand, env, deps.signal);
            (0,promotion_clock/* throwIfCancelled */.dZ)(deps.signal);
            trafficMoved = true;
            await switchTo(settings, deps, release, deps.signal);
        }
        else {
            // Here `deploy-command` itself moves traffic: migrations run just before it.
            const env = await place(settings, deps, release, previous);
            await (0,deploy_command/* runCommand */.d1)(deps.exec, 'migrate-command', settings.migrateCommand, env, deps.signal);
            (0,promotion_clock/* throwIfCancelled */.dZ)(deps.signal);
            trafficMoved = true;
            await (0,deploy_command/* runCommand */.d1)(deps.exec, 'deploy-command', settings.deployCommand, env, deps.signal);
        }
        if (settings.verifyUrl) {
            deps.log(`Verifying ${settings.verifyUrl}.`);
            await waitUntilHealthy({ ...poll, url: settings.verifyUrl });
            if (settings.soakWatchMs > 0)
                await soakWatch({ ...poll, url: settings.verifyUrl, durationMs: settings.soakWatchMs });
        }
        (0,promotion_clock/* throwIfCancelled */.dZ)(deps.signal);
        return { ok: true };
    }
    catch (error) {
        const cancelled = error instanceof promotion_clock/* CancelledError */.cc || deps.signal?.aborted === true;
        if (!trafficMoved || !previous || !(cancelled || settings.rollbackOnFailure))
            return { ok: false, error, trafficMoved, rolledBack: false };
        deps.log(`${cancelled ? 'Cancelled' : (0,errors/* oneLine */.TN)(error)}; switching traffic back to ${previous.version}.`);
        try {
            await restore(settings, deps, previous);
            return { ok: false, error, trafficMoved, rolledBack: true };
        }
        catch (rollbackError) {
            return { ok: false, error, trafficMoved, rolledBack: false, rollbackError: (0,errors/* oneLine */.TN)(rollbackError) };
        }
    }
}

;// CONCATENATED MODULE: ./src/promotion/blue-green.ts

const SLOTS = (/* unused pure expression or super */ null && (['blue', 'green']));
/** The slot serving traffic: recorded in the payload of the environment's current deployment. */
function liveSlot(current) {
    const slot = current?.payload?.slot;
    return slot === 'blue' || slot === 'green' ? slot : null;
}
/** The slot a new release goes to: the one not serving traffic (blue when nothing is live yet). */
function idleSlot(live) {
    return live === 'blue' ? 'green' : 'blue';
}
/**
 * What a slot holds now: the newest deployment that installed a release in it. A later failed
 * deployment to the slot replaced what was there, so it counts too (unless it never got going).
 */
function slotHolder(entries, slot) {
    return entries.find((e) => e.payload?.slot === slot && e.state !== 'pending' && e.state !== 'queued');
}
/** Whether the warm slot still holds `digest` from a deployment that succeeded, so restoring it is a switch, not a redeploy. */
function warmSlotHolding(entries, live, digest) {
    if (live === null)
        return undefined;
    const warm = idleSlot(live);
    const holder = slotHolder(entries, warm);
    return holder && holder.payload?.digest === digest && (0,promotion_history/* succeeded */.gq)(holder) ? warm : undefined;
}

;// CONCATENATED MODULE: ./src/promotion/lock.ts




const ACTIVE = new Set(['in_progress', 'queued']);
/**
 * The deployments holding the environment's lock. Before ours exists, any running one; after,
 * only earlier ones (including ones just created, still without a status), so two promotions
 * that start together agree that the lower id goes first.
 */
function lockHolders(entries, ownId) {
    if (ownId === undefined)
        return entries.filter((e) => ACTIVE.has(e.state));
    return entries.filter((e) => e.id < ownId && (ACTIVE.has(e.state) || (e.state === 'pending' && e.payload !== undefined)));
}
/**
 * Waits until no other promotion of the environment is running, at most `timeoutMs`. A holder
 * silent for longer than `staleAfterMs` is marked abandoned and ignored. Returns the latest entries.
 */
async function acquireLock(initial, options) {
    const { clock, log = () => { } } = options;
    const start = clock.now();
    const abandoned = new Set();
    let entries = initial;
    for (;;) {
        const holders = [];
        for (const holder of lockHolders(entries, options.ownId)) {
            if (abandoned.has(holder.id))
                continue;
            if (clock.now() - holder.stateAt > options.staleAfterMs) {
                log(`Deployment ${holder.id} (${(0,promotion_history/* describeEntry */.OY)(holder)}) has been silent for over ${(0,duration/* formatDuration */.a)(options.staleAfterMs)}; marking it abandoned.`);
                await options.abandon(holder);
                abandoned.add(holder.id);
            }
            else
                holders.push(holder);
        }
        if (holders.length === 0)
            return entries;
        const waited = clock.now() - start;
        const [first] = holders;
        if (waited >= options.timeoutMs) {
            throw new errors/* UserError */.yo(`Another promotion of '${options.environment}' is still running (deployment ${first.id}, ${(0,promotion_history/* describeEntry */.OY)(first)} since ${new Date(first.stateAt).toISOString()}); gave up after lock-timeout ${(0,duration/* formatDuration */.a)(options.timeoutMs)}.`);
        }
        log(`Waiting for deployment ${first.id} to '${options.environment}' to finish (${(0,duration/* formatDuration */.a)(waited)} of ${(0,duration/* formatDuration */.a)(options.timeoutMs)}).`);
        (0,promotion_clock/* throwIfCancelled */.dZ)(options.signal);
        await clock.sleep(Math.min(options.pollMs, options.timeoutMs - waited), options.signal);
        entries = await options.read();
    }
}

;// CONCATENATED MODULE: ./src/promotion/rollback.ts








/** The release to restore: the one asked for, or the last successful one before the current deployment. */
function rollbackTarget(entries, current, toVersion, toDigest) {
    const bad = current.payload?.digest;
    const candidates = entries.filter((e) => e.id !== current.id && e.payload && (0,promotion_history/* succeeded */.gq)(e) && e.payload.digest !== bad && !(0,promotion_history/* wasRolledBack */.F1)(entries, e.payload.digest));
    const wanted = toVersion || toDigest;
    const found = candidates.find((e) => (!toVersion || e.payload?.version === toVersion) && (!toDigest || e.payload?.digest === toDigest) && (wanted || e.createdAt <= current.createdAt));
    if (!found) {
        const what = wanted ? `${toVersion ? `version ${toVersion}` : ''}${toVersion && toDigest ? ' with ' : ''}${toDigest ? `digest ${(0,promotion_history/* shortDigest */.VK)(toDigest)}` : ''}` : 'successful release before the current one';
        throw new errors/* UserError */.yo(`Cannot roll back '${current.environment}': found no ${what} in its deployment history (current: ${current.payload?.version}).`);
    }
    return found;
}
/** Why an environment Slipway never deployed to cannot be rolled back, and the names that could be meant. */
function noSlipwayDeployments(environment, deployments, deployedEnvironments) {
    const others = deployedEnvironments.filter((e) => e !== environment);
    const what = deployments > 0 ? `none of its latest ${deployments} deployments was made by Slipway` : 'it has no deployments';
    return `Input 'environment': cannot roll back '${environment}': ${what} (${(0,promotion_history/* slipwayDeployedTo */.TH)(others)}); check the name against the promote step's 'environment'.`;
}
/** A workflow run's URL without its attempt (`…/actions/runs/1/attempts/2` → `…/actions/runs/1`). */
function runOf(url) {
    return url.replace(/\/attempts\/\d+\/?$/, '');
}
/**
 * Whether `current` is a rollback that already did what this one would: made by this workflow run
 * (any attempt: a re-run), or, when a version or digest is asked for, restoring exactly that.
 */
function alreadyRolledBack(current, runUrl, toVersion, toDigest) {
    const payload = current.payload;
    if (current.task !== 'deploy:rollback' || !payload?.rolled_back)
        return false;
    if (runOf(payload.run_url) === runOf(runUrl))
        return true;
    return Boolean(toVersion || toDigest) && (!toVersion || payload.version === toVersion) && (!toDigest || payload.digest === toDigest);
}
/**
 * Restores an earlier release: a switch when it is still in place (the warm blue/green slot, or
 * a kept `releases/` directory), otherwise a redeploy of its artefact. Recorded as
 * `task: deploy:rollback`; the replaced deployment is marked failed ("Rolled back …") so that its
 * digest is not promoted to this environment again without `force`.
 */
async function rollback(options, deps) {
    const { gh, repo, clock, signal } = deps;
    const started = clock.now();
    const read = async () => (await (0,promotion_history/* readHistory */.Lu)(gh, repo, [options.environment])).get(options.environment) ?? [];
    const abandon = (entry) => setStatus(gh, repo, entry.id, { state: 'error', description: 'abandoned: no progress within stale-after' });
    const lock = { environment: options.environment, timeoutMs: options.lockTimeoutMs, staleAfterMs: options.staleAfterMs, pollMs: options.lockPollMs, clock, signal, read, abandon, log: deps.log };
    const first = await (0,promotion_history/* readHistoryAndEnvironments */.ax)(gh, repo, [options.environment]);
    const initial = first.history.get(options.environment) ?? [];
    if (!initial.some((e) => e.payload))
        throw new errors/* InputError */.dz('environment', noSlipwayDeployments(options.environment, initial.length, first.deployedEnvironments));
    const entries = await acquireLock(initial, lock);
    const current = (0,promotion_history/* currentDeployment */.JG)(entries);
    if (!current?.payload)
        throw new errors/* UserError */.yo(`Cannot roll back '${options.environment}': it has no current successful Slipway deployment.`);
    if (alreadyRolledBack(current, options.runUrl, options.toVersion, options.toDigest)) {
        // A re-run of a rollback that happened: the same answer, nothing recorded or moved again.
        const { version, digest, slot, rolled_back: replaced } = current.payload;
        const restored = entries.find((e) => e.id !== current.id && e.payload?.digest === digest && (0,promotion_history/* succeeded */.gq)(e) && e.createdAt <= current.createdAt);
        deps.log(`'${options.environment}' was already rolled back from ${replaced.version} to ${version} by deployment ${current.id}; nothing to do.`);
        return {
            deploymentId: current.id,
            restored: { version, digest, deploymentId: restored?.id ?? current.id },
            replaced: { version: replaced.version, digest: replaced.digest, deploymentId: replaced.deployment_id },
            slot,
            method: replaced.method ?? 'redeploy',
            durationMs: clock.now() - started,
            alreadyDone: true,
        };
    }
    const target = rollbackTarget(entries, current, options.toVersion, options.toDigest);
    const to = target.payload;
    const bad = current.payload;
    const live = liveSlot(current);
    const warm = options.strategy === 'blue-green' ? warmSlotHolding(entries, live, to.digest) : undefined;
    const inPlace = warm !== undefined || (options.strategy === 'direct' && (await options.target?.has((0,dir_target/* releaseName */["do"])(to.version, to.digest))) === true);
    const slot = options.strategy === 'blue-green' ? (warm ?? (live === 'blue' ? 'green' : 'blue')) : null;
    (0,promotion_clock/* throwIfCancelled */.dZ)(signal);
    const id = await createDeployment(gh, repo, {
        sha: target.sha,
        environment: options.environment,
        task: 'deploy:rollback',
        production: options.production,
        transient: false,
        requiredContexts: [],
        payload: { ...to, slot, upstream: null, run_url: options.runUrl, rolled_back: { deployment_id: current.id, version: bad.version, digest: bad.digest, method: inPlace ? 'switch' : 'redeploy' } },
        description: `Slipway rollback: ${bad.version} -> ${to.version} (${(0,promotion_history/* shortDigest */.VK)(to.digest)})`,
    });
    try {
        await setStatus(gh, repo, id, { state: 'in_progress', description: `Rolling back to ${to.version}`, logUrl: options.runUrl });
        const release = { version: to.version, digest: to.digest, artifact: to.artifact, slot, staged: inPlace };
        const previous = { version: bad.version, digest: bad.digest, artifact: bad.artifact, slot: live, staged: true };
        const result = await deliver({ ...options, migrateCommand: [] }, deps, release, previous);
        if (!result.ok)
            throw result.error;
        await setStatus(gh, repo, id, { state: 'success', description: `Restored ${to.version} (${(0,promotion_history/* shortDigest */.VK)(to.digest)})`, logUrl: options.runUrl, environmentUrl: options.environmentUrl ?? options.verifyUrl ?? current.environmentUrl });
        await setStatus(gh, repo, current.id, { state: 'failure', description: `${promotion_history/* ROLLED_BACK */.jC} to ${to.version} by deployment ${id}` });
        await retire(gh, repo, supersededBy(entries, id, slot).filter((e) => e.id !== current.id), id);
        return {
            deploymentId: id,
            restored: { version: to.version, digest: to.digest, deploymentId: target.id },
            replaced: { version: bad.version, digest: bad.digest, deploymentId: current.id },
            slot,
            method: inPlace ? 'switch' : 'redeploy',
            durationMs: clock.now() - started,
        };
    }
    catch (error) {
        const cancelled = error instanceof promotion_clock/* CancelledError */.cc;
        await setStatus(gh, repo, id, { state: cancelled ? 'error' : 'failure', description: cancelled ? 'cancelled' : (0,errors/* oneLine */.TN)(error), logUrl: options.runUrl }).catch(() => undefined);
        throw cancelled ? new errors/* UserError */.yo(`Rollback of '${options.environment}' was cancelled.`) : error;
    }
}

// EXTERNAL MODULE: ./src/promotion/name-list.ts
var name_list = __webpack_require__(83915);
;// CONCATENATED MODULE: ./src/actions/shared/artifact-source.ts




const ARTEFACT = /\.(tar\.gz|tgz|zip|deb)$/;
/** The one artefact in a directory (the package action's file, not its manifest or SHA256SUMS). */
async function artefactIn(dir, what) {
    const files = (await (0,promises_.readdir)(dir, { withFileTypes: true })).filter((e) => e.isFile() && ARTEFACT.test(e.name));
    if (files.length > 1)
        throw new errors/* UserError */.yo(`${what} holds several artefacts (${files.map((f) => f.name).join(', ')}); give the one to deploy.`);
    return files[0] && (0,external_node_path_.join)(dir, files[0].name);
}
async function fromPath(path, ctx) {
    const full = (0,external_node_path_.resolve)(ctx.workspace, path);
    const info = await (0,promises_.stat)(full).catch(() => undefined);
    if (!info)
        throw new errors/* UserError */.yo(`Input 'artifact-path' names ${full}, which does not exist.`);
    const file = info.isDirectory() ? await artefactIn(full, `Directory ${full}`) : full;
    if (!file)
        throw new errors/* UserError */.yo(`Directory ${full} holds no .tar.gz, .tgz, .zip or .deb artefact.`);
    return { file, ref: { path }, source: `at ${path}` };
}
const RELEASES_LISTED = 10;
/** How errors about a recorded artefact begin (a rollback's target, or the release a failed promotion returns to). */
const RECORDED = 'The release to restore is not available: its';
/** True for @actions/artifact's "not found" (its ArtifactNotFoundError, matched by name: the module loads lazily). */
const notFound = (error) => error?.name === 'ArtifactNotFoundError';
async function fromWorkflowArtifact(artifact, runId, ctx, origin = 'input') {
    // The artifact client (and the Azure SDK under it) loads only when an artifact is asked for.
    const { DefaultArtifactClient } = await __webpack_require__.e(/* import() */ 252).then(__webpack_require__.bind(__webpack_require__, 91252));
    const client = new DefaultArtifactClient();
    const findBy = runId ? { findBy: { token: ctx.token, workflowRunId: runId, repositoryOwner: ctx.repo.owner, repositoryName: ctx.repo.name } } : {};
    const byId = /^\d+$/.test(artifact);
    const missing = async () => {
        const run = runId ?? ctx.runId;
        const inRun = run ? `run ${run}` : 'this run';
        if (origin === 'recorded')
            throw new errors/* UserError */.yo(`${RECORDED} workflow artifact '${artifact}' is gone from ${inRun} (expired or deleted), so it cannot be redeployed.`);
        // Only on the way to an error: one more request, to say what the run does hold.
        const names = await client.listArtifacts({ latest: true, ...findBy }).then((listed) => listed.artifacts.map((a) => (byId ? `${a.name} (id ${a.id})` : a.name)), () => undefined);
        const holds = names === undefined ? '' : names.length === 0 ? ' (it has none)' : ` (it has ${(0,name_list/* nameList */.O)(names)})`;
        const what = byId ? `with id ${artifact}` : `named ${JSON.stringify(artifact)}`;
        throw new errors/* UserError */.yo(`Input 'artifact': no workflow artifact ${what} in ${inRun}${holds}; give the artifact-name output of the package step (or set 'run-id' for another run).`);
    };
    const id = byId ? Number(artifact) : (await client.getArtifact(artifact, findBy).catch((error) => (notFound(error) ? missing() : Promise.reject(error)))).artifact.id;
    const download = async (skipDecompress) => {
        const path = await (0,promises_.mkdtemp)((0,external_node_path_.join)(ctx.temp, 'artifact-'));
        await client.downloadArtifact(id, { path, skipDecompress, ...findBy }).catch((error) => (notFound(error) ? missing() : Promise.reject(error)));
        return artefactIn(path, `Workflow artifact '${artifact}'`);
    };
    // The package action uploads the artefact itself (no zip around it); a zip artefact is then unpacked by the download, so fetch it as-is.
    const file = (await download(false)) ?? (await download(true));
    if (!file)
        throw new errors/* UserError */.yo(`Workflow artifact '${artifact}' holds no .tar.gz, .tgz, .zip or .deb artefact.`);
    const ref = { ...(byId ? {} : { name: artifact }), id, run_id: runId ?? ctx.runId };
    return { file, ref, source: `workflow artifact '${artifact}'${runId ? ` of run ${runId}` : ''}` };
}
/** Tags of the newest published releases, for a message (one request, on the way to an error). */
async function releaseTags(ctx) {
    try {
        const listed = await ctx.gh.request('GET /repos/{owner}/{repo}/releases', { owner: ctx.repo.owner, repo: ctx.repo.name, per_page: RELEASES_LISTED });
        return listed.data.filter((r) => !r.draft).map((r) => r.tag_name);
    }
    catch {
        return undefined;
    }
}
async function fromReleaseAsset(tag, asset, ctx, origin = 'input') {
    const params = { owner: ctx.repo.owner, repo: ctx.repo.name };
    const release = await ctx.gh.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', { ...params, tag }).catch(async (error) => {
        if (error.status !== 404)
            throw error;
        if (origin === 'recorded')
            throw new errors/* UserError */.yo(`${RECORDED} release asset ${tag}/${asset} is gone: there is no published release tagged '${tag}' any more.`);
        const tags = await releaseTags(ctx);
        const known = tags === undefined ? '' : tags.length === 0 ? ' (the repository has no published releases)' : ` (the newest are ${(0,name_list/* nameList */.O)(tags)})`;
        throw new errors/* UserError */.yo(`Input 'release-asset': there is no published release tagged '${tag}'${known}; give \`<tag>/<asset file name>\` of a published release, e.g. \`${tags?.[0] ?? 'v1.2.3'}/${asset}\`.`);
    });
    const assets = release.data.assets;
    const found = assets.find((a) => a.name === asset);
    if (!found) {
        const has = assets.length === 0 ? 'it has no assets' : `it has ${(0,name_list/* nameList */.O)(assets.map((a) => a.name))}`;
        if (origin === 'recorded')
            throw new errors/* UserError */.yo(`${RECORDED} release asset ${tag}/${asset} is gone: release '${tag}' has no asset '${asset}' any more (${has}).`);
        const fix = assets.length > 0 ? `give one of them as \`${tag}/<asset>\`, or upload ${asset} to the release` : `upload ${asset} to the release, or give \`<tag>/<asset file name>\` of another release`;
        throw new errors/* UserError */.yo(`Input 'release-asset': release '${tag}' has no asset '${asset}' (${has}); ${fix}.`);
    }
    const response = await ctx.gh.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', { ...params, asset_id: found.id, headers: { accept: 'application/octet-stream' } });
    const file = (0,external_node_path_.join)(await (0,promises_.mkdtemp)((0,external_node_path_.join)(ctx.temp, 'asset-')), asset);
    await (0,promises_.writeFile)(file, Buffer.from(response.data));
    return { file, ref: { release_asset: `${tag}/${asset}` }, source: `release asset ${tag}/${asset}` };
}
function obtainArtifact(input, ctx) {
    if (input.kind === 'path')
        return fromPath(input.path, ctx);
    if (input.kind === 'artifact')
        return fromWorkflowArtifact(input.artifact, input.runId, ctx);
    return fromReleaseAsset(input.tag, input.asset, ctx);
}
/** Fetches the artefact a deployment's payload recorded, for a redeploy. */
async function fetchRecorded(ref, ctx) {
    if (ref.path)
        return (await fromPath(ref.path, ctx)).file;
    if (ref.id !== undefined || ref.name)
        return (await fromWorkflowArtifact(String(ref.id ?? ref.name), ref.run_id, ctx, 'recorded')).file;
    const [tag, asset] = (ref.release_asset ?? '').split('/');
    if (tag && asset)
        return (await fromReleaseAsset(tag, asset, ctx, 'recorded')).file;
    throw new errors/* UserError */.yo('The deployment to restore records no artefact source; it cannot be redeployed.');
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/actions/shared/run-environment.ts







/** POSIX: the command gets its own process group, so a cancellation ends whatever it started too. */
const GROUP = process.platform !== 'win32';
/** The shell's convention for a process ended by a signal: 128 + its number. */
function signalExitCode(signal) {
    return signal ? 128 + (external_node_os_.constants.signals[signal] ?? 0) : 1;
}
/**
 * Runs a configured command without a shell, adding the SLIPWAY_* variables to the step's
 * environment; its output goes straight to the step's log. When `signal` aborts (the run was
 * cancelled) the command, and any process it started, gets SIGTERM and, if still running after
 * COMMAND_KILL_GRACE_MS, SIGKILL; the promise resolves once it has exited.
 */
const actionExec = (program, args, { env, cwd, signal }) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(new promotion_clock/* CancelledError */.cc());
    core.info(`[command]${[program, ...args].join(' ')}`);
    const child = (0,external_node_child_process_.spawn)(program, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'inherit', 'inherit'], detached: GROUP, windowsHide: true });
    let killTimer;
    const send = (name) => {
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
            return;
        try {
            if (GROUP)
                process.kill(-child.pid, name);
            else
                child.kill(name);
        }
        catch {
            child.kill(name);
        }
    };
    const stop = () => {
        core.info(`Cancelled: stopping '${program}' (pid ${child.pid}) with SIGTERM${deploy_command/* COMMAND_KILL_GRACE_MS */.hw ? `, then SIGKILL after ${deploy_command/* COMMAND_KILL_GRACE_MS */.hw / 1000}s` : ''}.`);
        send('SIGTERM');
        killTimer = setTimeout(() => send('SIGKILL'), deploy_command/* COMMAND_KILL_GRACE_MS */.hw);
    };
    const settle = () => {
        clearTimeout(killTimer);
        signal?.removeEventListener('abort', stop);
    };
    signal?.addEventListener('abort', stop, { once: true });
    child.once('error', (error) => {
        settle();
        reject(new errors/* UserError */.yo(`Cannot run '${program}': ${error.message}.`));
    });
    child.once('exit', (code, exitSignal) => {
        settle();
        // Anything left in its process group (a backgrounded helper) must not outlive a cancelled run.
        if (signal?.aborted && GROUP && child.pid !== undefined) {
            try {
                process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                // the group is gone already
            }
        }
        resolve(code ?? signalExitCode(exitSignal));
    });
});
/** The workflow run, for `log_url` and the payload's `run_url`. */
function runUrl(repository) {
    const env = process.env;
    const attempt = env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
    return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}/actions/runs/${env.GITHUB_RUN_ID ?? '0'}${attempt}`;
}
/** Poll intervals; SLIPWAY_POLL_MS shortens them (the test bed uses it). */
function pollIntervals() {
    const override = millisecondsFromEnv('SLIPWAY_POLL_MS');
    return override ? { lockPollMs: override, pollMs: override } : { lockPollMs: 5000, pollMs: 2000 };
}
/** Aborts on SIGINT/SIGTERM (a cancelled run) instead of exiting, so the record and traffic are put right first. */
function cancellation() {
    const controller = new AbortController();
    const onSignal = (name) => () => {
        core.warning(`Received ${name}: cancelling; the deployment will be marked cancelled and traffic left on the verified release.`);
        controller.abort();
    };
    process.once('SIGINT', onSignal('SIGINT'));
    process.once('SIGTERM', onSignal('SIGTERM'));
    return controller.signal;
}
function repoFromEnv() {
    const repository = process.env.GITHUB_REPOSITORY;
    if (!repository)
        throw new errors/* UserError */.yo('GITHUB_REPOSITORY is not set; run this action in a GitHub Actions workflow.');
    return parseRepo(repository);
}

;// CONCATENATED MODULE: ./src/actions/rollback/main.ts













/** The action, once `readInputs` has accepted every input (see index.ts). */
async function run(inputs) {
    const repo = repoFromEnv();
    const signal = cancellation();
    const counter = new RequestCounter();
    // A lost answer to a write is looked up after the same backoff the client uses for its retries.
    const gh = gitHubApi(actionGitHubClient(inputs.token, counter), { writeBackoffMs: millisecondsFromEnv('SLIPWAY_RETRY_BASE_MS') });
    const env = process.env;
    const ctx = { gh, repo, token: inputs.token, workspace: env.GITHUB_WORKSPACE || process.cwd(), temp: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), runId: Number(env.GITHUB_RUN_ID) || undefined };
    const result = await rollback({ ...inputs, ...pollIntervals(), runUrl: runUrl(`${repo.owner}/${repo.name}`) }, { gh, repo, clock: promotion_clock/* systemClock */.ml, signal, exec: actionExec, extract: verifyAndExtract, fetchArtifact: (ref) => fetchRecorded(ref, ctx), workDir: ctx.temp, log: (message) => core.info(message) });
    core.info(`GitHub API requests: ${counter.total}.`);
    setOutputs({
        'deployment-id': String(result.deploymentId),
        'version': result.restored.version,
        'digest': result.restored.digest,
        'slot': result.slot ?? '',
        'rolled-back-version': result.replaced.version,
        'rolled-back-digest': result.replaced.digest,
        'method': result.method,
        'duration-ms': String(result.durationMs),
    });
    writeJobSummary([
        result.alreadyDone
            ? `### ↩️ ${inputs.environment} was already rolled back to ${result.restored.version} (deployment ${result.deploymentId}); nothing changed`
            : `### ↩️ Rolled back ${inputs.environment} to ${result.restored.version} in ${(0,duration/* formatDuration */.a)(result.durationMs)}`,
        '',
        markdownTable(['Environment', 'Restored', 'Replaced', 'How', 'Slot', 'Took', 'Deployment'], [[inputs.environment, `${result.restored.version} (${(0,promotion_history/* shortDigest */.VK)(result.restored.digest)})`, `${result.replaced.version} (${(0,promotion_history/* shortDigest */.VK)(result.replaced.digest)})`, result.method === 'switch' ? 'switch to the release still in place' : 'redeploy of its artefact', result.slot ?? '—', (0,duration/* formatDuration */.a)(result.durationMs), result.deploymentId]]),
        '',
        `${result.replaced.version} is marked rolled back in ${inputs.environment}: it will not be promoted there again without \`force: true\`.`,
        '',
    ].join('\n'));
}


/***/ })

};
