export const id = 782;
export const ids = [782];
export const modules = {

/***/ 71782:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/runtime/errors.ts
var errors = __webpack_require__(9541);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: ./src/runtime/run-action.ts + 3 modules
var run_action = __webpack_require__(58221);
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


// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/packaging/checkout.ts

function git(cwd, args) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)('git', args, { cwd, timeout: 30_000 }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
    });
}
/** The committer time of `rev` in the repository at `cwd`, or undefined when git cannot tell (no checkout). */
async function commitTime(cwd, rev = 'HEAD') {
    const seconds = Number(await git(cwd, ['show', '-s', '--format=%ct', rev, '--']));
    return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}
/** The commit checked out at `cwd`, or undefined outside a repository. */
async function headCommit(cwd) {
    const sha = await git(cwd, ['rev-parse', 'HEAD']);
    return sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}
/** `Name <email>` from git's configuration at `cwd`, for a Maintainer field; undefined when unset. */
async function gitIdentity(cwd) {
    const [name, email] = await Promise.all([git(cwd, ['config', 'user.name']), git(cwd, ['config', 'user.email'])]);
    return name && email ? `${name} <${email}>` : undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
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
            throw new errors/* UserError */.yo(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; got ${JSON.stringify(given)}.`);
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
class UtcFieldsDate extends Date {
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
    return new external_node_stream_.Transform({
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

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/packaging/file-content.ts





/** Read size for files streamed in pieces. */
const READ_CHUNK = 256 * 1024;
/** Files up to this size are read whole, ahead of time; larger ones are streamed when reached. */
const WHOLE_FILE_LIMIT = 1024 * 1024;
/** At most this many files, and this many bytes, are read ahead of the one being written. */
const READ_AHEAD_FILES = 16;
const READ_AHEAD_BYTES = 8 * 1024 * 1024;
/**
 * The bytes of a file entry, hashed on the way through; `record` receives the digests once the
 * last byte has passed. A file whose size changed since it was listed is an error, because the
 * archive header already promised the old size.
 */
async function* fileContent(entry, record) {
    yield* streamedContent(entry, record);
}
/**
 * Hands out file contents in archive order while reading the next few (small) files ahead, so
 * disk reads overlap compression. The window is bounded in files and bytes, so memory stays flat
 * whatever the tree. Contents must be asked for in the order of `entries`.
 */
class ContentReader {
    files;
    index = new Map();
    pending = new Map();
    cursor = 0;
    pendingBytes = 0;
    constructor(entries) {
        this.files = entries.filter((entry) => entry.type === 'file' && !entry.content);
        this.files.forEach((entry, i) => this.index.set(entry, i));
    }
    /** The same bytes and checks as `fileContent`, served from the read-ahead window when possible. */
    async *content(entry, record) {
        const ahead = this.pending.get(entry);
        if (ahead) {
            this.pending.delete(entry);
            this.pendingBytes -= entry.size;
        }
        const position = this.index.get(entry);
        if (position !== undefined && position >= this.cursor)
            this.cursor = position + 1;
        this.fill();
        if (!ahead) {
            yield* streamedContent(entry, record);
            return;
        }
        const result = await ahead;
        this.fill();
        if ('error' in result)
            throw readError(entry, result.error);
        const { data } = result;
        if (data.length !== entry.size)
            throw changedSize(entry, data.length);
        const sha256 = (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
        const md5 = (0,external_node_crypto_.createHash)('md5').update(data).digest('hex');
        if (data.length > 0)
            yield data;
        record({ sha256, md5 });
    }
    /** Stops reading ahead; files already being read are closed when their reads finish. */
    close() {
        this.cursor = this.files.length;
        this.pending.clear();
        this.pendingBytes = 0;
    }
    fill() {
        while (this.cursor < this.files.length && this.pending.size < READ_AHEAD_FILES) {
            const next = this.files[this.cursor];
            if (!next)
                return;
            if (next.size > WHOLE_FILE_LIMIT)
                return; // streamed when reached; nothing is read past it
            if (this.pending.size > 0 && this.pendingBytes + next.size > READ_AHEAD_BYTES)
                return;
            this.cursor += 1;
            this.pendingBytes += next.size;
            this.pending.set(next, readWhole(next.source ?? '', next.size).then((data) => ({ data }), (error) => ({ error })));
        }
    }
}
/** Reads up to `size + 1` bytes (one more reveals a file that grew). */
async function readWhole(path, size) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.allocUnsafe(size + 1);
        let filled = 0;
        while (filled < buffer.length) {
            const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
            if (bytesRead === 0)
                break;
            filled += bytesRead;
        }
        return buffer.subarray(0, filled);
    }
    finally {
        await handle.close();
    }
}
async function* streamedContent(entry, record) {
    const sha256 = (0,external_node_crypto_.createHash)('sha256');
    const md5 = (0,external_node_crypto_.createHash)('md5');
    let bytes = 0;
    const source = entry.content ? external_node_stream_.Readable.from([entry.content]) : (0,external_node_fs_.createReadStream)(entry.source ?? '', { highWaterMark: READ_CHUNK });
    try {
        for await (const chunk of source) {
            sha256.update(chunk);
            md5.update(chunk);
            bytes += chunk.length;
            if (bytes > entry.size)
                break;
            yield chunk;
        }
    }
    catch (error) {
        throw readError(entry, error);
    }
    if (bytes !== entry.size)
        throw changedSize(entry, bytes);
    record({ sha256: sha256.digest('hex'), md5: md5.digest('hex') });
}
function readError(entry, error) {
    return new errors/* UserError */.yo(`Cannot read '${entry.source}': ${error.code ?? String(error)}.`);
}
function changedSize(entry, bytes) {
    return new errors/* UserError */.yo(`File '${entry.source ?? entry.path}' changed size while being packaged (${entry.size} bytes listed, ${bytes} read); package a finished build.`);
}

;// CONCATENATED MODULE: ./src/packaging/tar-header.ts
const BLOCK = 512;
const TYPEFLAG = { file: '0', symlink: '2', directory: '5', pax: 'x', gnuLongName: 'L', gnuLongLink: 'K' };
/** The header block(s) of one entry; its content, padded to 512 bytes, follows. */
function entryHeader(entry, mtime, longNames) {
    const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
    const link = entry.linkTarget ?? '';
    const size = entry.type === 'file' ? entry.size : 0;
    const nameFits = fits(name);
    const linkFits = fits(link);
    const blocks = [];
    if (longNames === 'pax' && !(nameFits && linkFits)) {
        const records = Buffer.from((nameFits ? '' : paxRecord('path', name)) + (linkFits ? '' : paxRecord('linkpath', link)));
        blocks.push(header({ name: 'PaxHeader', mode: 0o644, size: records.length, mtime, typeflag: TYPEFLAG.pax, link: '', gnu: false }), padded(records));
    }
    if (longNames === 'gnu') {
        if (!linkFits)
            blocks.push(...gnuLong(link, TYPEFLAG.gnuLongLink));
        if (!nameFits)
            blocks.push(...gnuLong(name, TYPEFLAG.gnuLongName));
    }
    blocks.push(header({ name: nameFits ? name : placeholder(name), mode: entry.mode, size, mtime, typeflag: TYPEFLAG[entry.type], link: linkFits ? link : placeholder(link), gnu: longNames === 'gnu' }));
    return Buffer.concat(blocks);
}
/** Zeros completing a content of `size` bytes to whole blocks. */
function padding(size) {
    return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}
/** Two zero blocks end an archive. */
const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);
function fits(value) {
    return value.length <= 100 && Buffer.byteLength(value) === value.length;
}
/** What old readers see instead of a long or non-ASCII name: its ASCII characters, cut to 100 bytes. */
function placeholder(value) {
    return value.replace(/[^\x20-\x7e]/g, '_').slice(0, 100);
}
function paxRecord(key, value) {
    const body = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(body) + 1;
    while (String(length).length + Buffer.byteLength(body) !== length)
        length += 1;
    return `${length}${body}`;
}
function gnuLong(value, typeflag) {
    const body = Buffer.from(`${value}\0`);
    return [header({ name: '././@LongLink', mode: 0o644, size: body.length, mtime: 0, typeflag, link: '', gnu: true }), padded(body)];
}
function padded(body) {
    return Buffer.concat([body, padding(body.length)]);
}
function header(fields) {
    const block = Buffer.alloc(BLOCK);
    block.write(fields.name, 0, 100, 'utf8');
    block.write(octal(fields.mode, 8), 100, 'ascii');
    block.write(octal(0, 8), 108, 'ascii'); // uid
    block.write(octal(0, 8), 116, 'ascii'); // gid
    writeSize(block, fields.size);
    block.write(octal(fields.mtime, 12), 136, 'ascii');
    block.write(' '.repeat(8), 148, 'ascii');
    block.write(fields.typeflag, 156, 'ascii');
    block.write(fields.link, 157, 100, 'utf8');
    block.write(fields.gnu ? 'ustar  \0' : 'ustar\u000000', 257, 'ascii');
    // uname and gname (265, 297) stay empty; device numbers are zero.
    block.write(octal(0, 8), 329, 'ascii');
    block.write(octal(0, 8), 337, 'ascii');
    let sum = 0;
    for (const byte of block)
        sum += byte;
    block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    return block;
}
/** Zero-padded octal ending in NUL, filling a field of `width` bytes. */
function octal(value, width) {
    return `${value.toString(8).padStart(width - 1, '0')}\0`;
}
/** Sizes of 8 GiB and more do not fit 11 octal digits: GNU base-256, which GNU tar, dpkg and tar-stream read. */
function writeSize(block, size) {
    if (size < 0o77777777777) {
        block.write(octal(size, 12), 124, 'ascii');
        return;
    }
    block[124] = 0x80;
    let rest = size;
    for (let i = 135; i > 124; i--) {
        block[i] = rest % 256;
        rest = Math.floor(rest / 256);
    }
}

;// CONCATENATED MODULE: ./src/packaging/tar-gz.ts






/**
 * Writes `entries`, in the order given, as a gzip-compressed tar to `sink` and ends it. Headers
 * carry only what the tree decides (name, mode, size, type, link target); owners are 0 with no
 * names. The next few small files are read ahead while the current one compresses, within a
 * small bounded window, so memory stays flat whatever the tree.
 */
async function writeTarGz(entries, sink, options) {
    const reader = new ContentReader(entries);
    try {
        // chunkSize changes only how the output is cut into buffers, never the deflate stream.
        await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(coalesce(tarStream(entries, options, reader))), (0,external_node_zlib_.createGzip)({ ...GZIP_OPTIONS, chunkSize: GZIP_CHUNK }), normaliseGzipHeader(), sink);
    }
    finally {
        reader.close();
    }
}
const GZIP_CHUNK = 256 * 1024;
async function* tarStream(entries, options, reader) {
    for (const entry of entries) {
        yield entryHeader(entry, options.mtime, options.longNames ?? 'pax');
        if (entry.type !== 'file')
            continue;
        yield* reader.content(entry, (digests) => options.record?.(entry, digests));
        const pad = padding(entry.size);
        if (pad.length > 0)
            yield pad;
    }
    yield END_OF_ARCHIVE;
}
/** Joins small pieces (headers, padding, small files) so the compressor is called less often. */
async function* coalesce(source) {
    let parts = [];
    let size = 0;
    for await (const piece of source) {
        if (piece.length >= GZIP_CHUNK) {
            if (size > 0)
                yield Buffer.concat(parts, size);
            parts = [];
            size = 0;
            yield piece;
            continue;
        }
        parts.push(piece);
        size += piece.length;
        if (size >= GZIP_CHUNK) {
            yield Buffer.concat(parts, size);
            parts = [];
            size = 0;
        }
    }
    if (size > 0)
        yield Buffer.concat(parts, size);
}

;// CONCATENATED MODULE: ./src/packaging/deb.ts










/** Control fields from what was given, with defaults derived from the artefact name and repository. */
function debControlFor(name, given, repository) {
    const owner = repository?.split('/')[0];
    const maintainer = given.maintainer ?? (owner ? `${owner} <${owner}@users.noreply.github.com>` : '');
    return {
        package: given.package ?? name.toLowerCase().replace(/[^a-z0-9+.-]+/g, '-'),
        architecture: given.architecture ?? 'all',
        maintainer,
        depends: given.depends ?? [],
        description: given.description ?? (repository ? `${name}, built from ${repository}` : name),
        prefix: given.prefix ?? `/opt/${name}`,
    };
}
const AR_SIZE_LIMIT = 9_999_999_999;
/** Refuses control values dpkg would reject, naming the field and the accepted form. */
function validateDebControl(control) {
    if (!/^[a-z0-9][a-z0-9+.-]+$/.test(control.package)) {
        throw new errors/* UserError */.yo(`Debian package name ${JSON.stringify(control.package)} is not valid: use at least two characters of a-z, 0-9, '+', '-', '.', starting with a letter or digit (set 'deb-package').`);
    }
    if (!/^[a-z0-9][a-z0-9-]*$/.test(control.architecture)) {
        throw new errors/* UserError */.yo(`Debian architecture ${JSON.stringify(control.architecture)} is not valid: use e.g. 'all', 'amd64' or 'arm64' (set 'deb-architecture').`);
    }
    if (!control.prefix.startsWith('/') || control.prefix.split('/').some((part) => part === '..' || part === '.') || /[\\\r\n]/.test(control.prefix)) {
        throw new errors/* UserError */.yo(`Install prefix ${JSON.stringify(control.prefix)} is not valid: give an absolute path without '.' or '..', e.g. /opt/app (set 'deb-prefix').`);
    }
    for (const [field, value] of [['deb-maintainer', control.maintainer], ['deb-depends', control.depends.join(', ')]]) {
        if (/[\r\n]/.test(value))
            throw new errors/* UserError */.yo(`'${field}' must be one line; got ${JSON.stringify(value)}.`);
    }
    if (!control.maintainer.trim())
        throw new errors/* UserError */.yo(`A .deb needs a maintainer: set 'deb-maintainer' (CLI: --maintainer), e.g. 'Jane Doe <jane@example.com>'.`);
}
/** Debian orders `~` before anything, which is what a semantic pre-release means. */
function debianVersion(semver) {
    const plus = semver.indexOf('+');
    const core = plus === -1 ? semver : semver.slice(0, plus);
    const build = plus === -1 ? '' : semver.slice(plus);
    return core.replace('-', '~') + build;
}
/** The file name Debian tools expect: `<package>_<version>_<architecture>.deb`. */
function debFileName(control) {
    return `${control.package}_${debianVersion(control.version)}_${control.architecture}.deb`;
}
/**
 * Writes a Debian binary package to `sink` and ends it: an ar archive of `debian-binary`,
 * `control.tar.gz` (control, md5sums) and `data.tar.gz` (the entries under `control.prefix`).
 * data.tar.gz goes through a temporary file in `tempDir` first, because its ar header must give
 * its size before its bytes.
 */
async function writeDeb(entries, sink, control, options) {
    validateDebControl(control);
    const root = `.${control.prefix.replace(/\/+$/, '')}`;
    const data = dataEntries(entries, root);
    const md5 = new Map();
    const dataFile = external_node_path_default().join(options.tempDir, `.slipway-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.data.tar.gz`);
    try {
        // dpkg reads GNU long names but not PAX headers.
        await writeTarGz(data, (0,external_node_fs_.createWriteStream)(dataFile), {
            mtime: options.mtime,
            longNames: 'gnu',
            record: (entry, digests) => {
                md5.set(entry.path, digests);
                options.record?.({ ...entry, path: entry.path.slice(root.length + 1) }, digests);
            },
        });
        const dataSize = (await (0,promises_.stat)(dataFile)).size;
        if (dataSize > AR_SIZE_LIMIT)
            throw new errors/* UserError */.yo(`The packaged tree compresses to ${dataSize} bytes, more than a .deb member can hold (${AR_SIZE_LIMIT}); use format 'tar.gz'.`);
        const controlTar = await controlArchive(data, md5, control, options.mtime);
        await write(sink, Buffer.from('!<arch>\n'));
        await writeMember(sink, 'debian-binary', Buffer.from('2.0\n'), options.mtime);
        await writeMember(sink, 'control.tar.gz', controlTar, options.mtime);
        await write(sink, arHeader('data.tar.gz', dataSize, options.mtime));
        await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(dataFile), sink, { end: false });
        if (dataSize % 2)
            await write(sink, Buffer.from('\n'));
        sink.end();
        await (0,external_node_stream_promises_.finished)(sink);
    }
    catch (error) {
        sink.destroy();
        throw error;
    }
    finally {
        await (0,promises_.rm)(dataFile, { force: true });
    }
}
/** Entries as dpkg expects them: `./`, the directories down to `root` (`./opt/app`), then the tree under it. */
function dataEntries(entries, root) {
    const parts = root.split('/').slice(1);
    const dirs = ['.', ...parts.map((_, i) => `./${parts.slice(0, i + 1).join('/')}`)];
    return [
        ...dirs.map((dir) => ({ path: dir, type: 'directory', mode: normalMode('directory'), size: 0 })),
        ...entries.map((entry) => ({ ...entry, path: `${root}/${entry.path}` })),
    ];
}
/**
 * Installed-Size as dpkg-gencontrol counts it: each file rounded up to whole KiB, and 1 KiB for
 * every directory (the root included) and symlink.
 */
function installedSize(entries) {
    return entries.reduce((sum, entry) => sum + (entry.type === 'file' ? Math.ceil(entry.size / 1024) : 1), 0);
}
function controlFile(control, size) {
    const [synopsis = '', ...rest] = control.description.trim().split(/\r?\n/);
    const extended = rest.map((line) => (line.trim() ? ` ${line.trimEnd()}` : ' .'));
    const fields = [
        `Package: ${control.package}`,
        `Version: ${debianVersion(control.version)}`,
        `Architecture: ${control.architecture}`,
        `Maintainer: ${control.maintainer.trim()}`,
        `Installed-Size: ${size}`,
        ...(control.depends.length > 0 ? [`Depends: ${control.depends.join(', ')}`] : []),
        'Priority: optional',
        `Description: ${synopsis.trim()}`,
        ...extended,
    ];
    return `${fields.join('\n')}\n`;
}
async function controlArchive(data, md5, control, mtime) {
    const sums = data
        .filter((entry) => entry.type === 'file')
        .map((entry) => `${md5.get(entry.path)?.md5}  ${entry.path.slice(2)}\n`)
        .join('');
    const file = (name, text) => ({ path: `./${name}`, type: 'file', mode: 0o644, size: Buffer.byteLength(text), content: Buffer.from(text) });
    const chunks = [];
    const collector = new external_node_stream_.Writable({
        write(chunk, _encoding, callback) {
            chunks.push(chunk);
            callback();
        },
    });
    await writeTarGz([{ path: '.', type: 'directory', mode: 0o755, size: 0 }, file('control', controlFile(control, installedSize(data))), file('md5sums', sums)], collector, { mtime, longNames: 'gnu' });
    return Buffer.concat(chunks);
}
function arHeader(name, size, mtime) {
    const field = (value, width) => String(value).padEnd(width, ' ');
    return Buffer.from(`${field(name, 16)}${field(mtime, 12)}${field(0, 6)}${field(0, 6)}${field('100644', 8)}${field(size, 10)}\`\n`, 'latin1');
}
async function writeMember(sink, name, body, mtime) {
    await write(sink, arHeader(name, body.length, mtime));
    await write(sink, body.length % 2 ? Buffer.concat([body, Buffer.from('\n')]) : body);
}
async function write(sink, chunk) {
    if (!sink.write(chunk))
        await (0,external_node_events_.once)(sink, 'drain');
}

;// CONCATENATED MODULE: ./src/packaging/build-info.ts
const BUILD_INFO_FILE = 'BUILD-INFO.json';
/** The file's bytes, keys in a fixed order so the same build gives the same bytes. */
function buildInfoJson(info) {
    const ordered = {
        name: info.name,
        version: info.version,
        commit: info.commit ?? null,
        ref: info.ref ?? null,
        repository: info.repository ?? null,
        runUrl: info.runUrl ?? null,
        sourceDate: info.sourceDate,
    };
    return Buffer.from(`${JSON.stringify(ordered, null, 2)}\n`);
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/packaging/collect-files.ts





/**
 * The entries to package from `input`: one directory (entries relative to it), or newline-separated
 * globs relative to `cwd` (entries keep their paths; a matched directory brings everything under
 * it; `!pattern` excludes). Sorted by byte order; parents of every entry included. Directories in
 * `skip` (such as the output directory, when it lies inside the tree) are left out.
 */
async function collectFiles(input, cwd, skip = []) {
    const lines = input
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
    if (lines.length === 0)
        throw new errors/* UserError */.yo('No path given to package: set it to a directory or to newline-separated globs.');
    const single = lines.length === 1 && lines[0] !== undefined ? external_node_path_default().resolve(cwd, lines[0]) : undefined;
    // A directory given through a symlink (build -> out/build) is still that directory.
    const singleStats = single ? await (0,promises_.stat)(single).catch(() => undefined) : undefined;
    const skipped = new Set(skip.map((dir) => external_node_path_default().resolve(dir)));
    const entries = singleStats?.isDirectory() && single ? await walk(single, '', single, skipped) : await collectGlobs(lines, cwd, skipped);
    if (!entries.some((entry) => entry.type !== 'directory')) {
        throw new errors/* UserError */.yo(`Nothing to package: ${lines.map((line) => `'${line}'`).join(', ')} matched no files. Check the path and that the build wrote its output there.`);
    }
    return sortEntries(withParents(entries));
}
/** Byte order of the UTF-8 paths, the same on every machine and locale. */
function sortEntries(entries) {
    return entries.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
async function collectGlobs(patterns, cwd, skipped) {
    const include = patterns.filter((pattern) => !pattern.startsWith('!'));
    const exclude = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
    for (const pattern of [...include, ...exclude]) {
        if (external_node_path_default().isAbsolute(pattern) || pattern.split(/[\\/]/).includes('..')) {
            throw new errors/* UserError */.yo(`Path pattern '${pattern}' reaches outside the workspace; give a pattern relative to the workspace without '..'.`);
        }
    }
    const included = picomatch_default()(include, { dot: true });
    const excluded = exclude.length > 0 ? picomatch_default()(exclude, { dot: true }) : () => false;
    const bases = [...new Set(include.map((pattern) => picomatch_default().scan(pattern).base || '.'))];
    const found = new Map();
    for (const base of bases) {
        const dir = external_node_path_default().resolve(cwd, base);
        const stats = await (0,promises_.lstat)(dir).catch(() => undefined);
        if (!stats?.isDirectory()) {
            if (stats && included(toPosix(base)))
                found.set(toPosix(base), await describe(dir, toPosix(base), stats, cwd));
            continue;
        }
        for (const entry of await walk(dir, base === '.' ? '' : toPosix(base), cwd, skipped)) {
            const matched = included(entry.path) || ancestors(entry.path).some((parent) => included(parent));
            if (matched && !excluded(entry.path) && !ancestors(entry.path).some((parent) => excluded(parent)))
                found.set(entry.path, entry);
        }
    }
    return [...found.values()];
}
/** Every entry under `dir`, with archive paths starting at `prefix`; symlinks must stay inside `tree`. */
async function walk(dir, prefix, tree, skipped) {
    const entries = [];
    const pending = [[dir, prefix]];
    for (let next = pending.pop(); next; next = pending.pop()) {
        const [current, archivePath] = next;
        let children;
        try {
            children = await (0,promises_.readdir)(current, { withFileTypes: true });
        }
        catch (error) {
            throw new errors/* UserError */.yo(`Cannot read directory '${current}': ${error.code ?? String(error)}.`);
        }
        for (const child of children) {
            const full = external_node_path_default().join(current, child.name);
            if (skipped.has(full))
                continue;
            const childPath = archivePath ? `${archivePath}/${child.name}` : child.name;
            const stats = await (0,promises_.lstat)(full).catch((error) => {
                throw new errors/* UserError */.yo(`Cannot read '${full}': ${error.code ?? String(error)} (is its name valid UTF-8?).`);
            });
            const entry = await describe(full, childPath, stats, tree);
            entries.push(entry);
            if (entry.type === 'directory')
                pending.push([full, childPath]);
        }
    }
    return entries;
}
async function describe(full, archivePath, stats, tree) {
    if (/[\\\r\n]/.test(archivePath)) {
        throw new errors/* UserError */.yo(`Cannot package '${full}': its name holds a backslash or line break, which archives cannot carry portably. Rename it.`);
    }
    if (stats.isDirectory())
        return { path: archivePath, type: 'directory', mode: normalMode('directory'), size: 0 };
    if (stats.isFile())
        return { path: archivePath, type: 'file', mode: normalMode('file', stats.mode), size: stats.size, source: full };
    if (stats.isSymbolicLink())
        return { path: archivePath, type: 'symlink', mode: normalMode('symlink'), size: 0, linkTarget: await insideTarget(full, tree) };
    const kind = stats.isSocket() ? 'a socket' : stats.isFIFO() ? 'a FIFO (named pipe)' : 'a device file';
    throw new errors/* UserError */.yo(`Cannot package '${full}': it is ${kind}; only files, directories and symlinks can be packaged. Remove it or exclude it with a '!pattern'.`);
}
/** A symlink's target relative to its directory, refusing targets outside the packaged tree. */
async function insideTarget(link, tree) {
    const target = await (0,promises_.readlink)(link);
    const resolved = external_node_path_default().resolve(external_node_path_default().dirname(link), target);
    const refuse = () => {
        throw new errors/* UserError */.yo(`Cannot package symlink '${link}': it points to '${target}', outside the packaged tree '${tree}'. Copy the target into the tree or remove the link.`);
    };
    if (!isInside(external_node_path_default().resolve(tree), resolved))
        refuse();
    const real = await (0,promises_.realpath)(link).catch(() => undefined);
    if (real !== undefined && !isInside(await (0,promises_.realpath)(tree), real))
        refuse();
    return external_node_path_default().isAbsolute(target) ? toPosix(external_node_path_default().relative(external_node_path_default().dirname(link), resolved)) || '.' : toPosix(target);
}
function isInside(root, candidate) {
    const relative = external_node_path_default().relative(root, candidate);
    return relative === '' || (!relative.startsWith(`..${(external_node_path_default()).sep}`) && relative !== '..' && !external_node_path_default().isAbsolute(relative));
}
function withParents(entries) {
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    for (const entry of entries) {
        for (const parent of ancestors(entry.path)) {
            if (!byPath.has(parent))
                byPath.set(parent, { path: parent, type: 'directory', mode: normalMode('directory'), size: 0 });
        }
    }
    return [...byPath.values()];
}
/** `a/b/c` → `a`, `a/b`. */
function ancestors(archivePath) {
    const parts = archivePath.split('/');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
function toPosix(value) {
    return value.split((external_node_path_default()).sep).join('/').replace(/^\.\//, '').replace(/\/$/, '');
}

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
    await pipeline(createReadStream(path), digest, new Writable({ write: (_chunk, _encoding, callback) => callback() }));
    return digest.digest();
}

;// CONCATENATED MODULE: ./src/packaging/manifest.ts
/** Every entry of the artefact with its size, mode and (for files) SHA-256. */
function manifestEntries(entries, digests) {
    return entries.map((entry) => ({
        path: entry.path,
        type: entry.type,
        size: entry.size,
        mode: entry.mode.toString(8).padStart(4, '0'),
        ...(entry.type === 'file' ? { sha256: digests.get(entry.path)?.sha256 } : {}),
        ...(entry.linkTarget !== undefined ? { target: entry.linkTarget } : {}),
    }));
}

;// CONCATENATED MODULE: ./src/packaging/sha256sums.ts

/**
 * Adds or replaces `fileName`'s line in a `sha256sum -c` compatible SHA256SUMS, keeping the
 * lines of other artefacts written to the same directory.
 */
async function recordChecksum(sumsFile, fileName, digest) {
    const existing = await (0,promises_.readFile)(sumsFile, 'utf8').catch(() => '');
    const lines = existing.split('\n').filter((line) => line && line.replace(/^[0-9a-f]{64} [ *]/, '') !== fileName);
    lines.push(`${digest.replace(/^sha256:/, '')}  ${fileName}`);
    lines.sort((a, b) => Buffer.compare(Buffer.from(a.slice(66)), Buffer.from(b.slice(66))));
    await (0,promises_.writeFile)(sumsFile, `${lines.join('\n')}\n`);
}

// EXTERNAL MODULE: ./node_modules/yazl/index.js
var yazl = __webpack_require__(93044);
;// CONCATENATED MODULE: ./src/packaging/zip.ts





const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/**
 * Writes `entries`, in the order given, as a zip to `sink` and ends it. Every entry has the same
 * time (DOS fields in UTC plus the Info-ZIP UTC timestamp) and a Unix mode; symlinks are stored as
 * Info-ZIP does, the target as the entry's content.
 */
async function writeZip(entries, sink, options) {
    const zip = new yazl/* ZipFile */.u();
    // Reads the next few small files ahead while yazl compresses the current one.
    const reader = new ContentReader(entries);
    const mtime = zipDate(options.mtime);
    const output = zip.outputStream;
    let failure;
    // yazl leaves errors of lazily opened streams to the caller: stop the archive with ours, which names the file.
    const fail = (error) => {
        failure ??= error;
        output.destroy(failure);
    };
    zip.on('error', fail);
    for (const entry of entries) {
        if (entry.type === 'directory') {
            zip.addEmptyDirectory(entry.path, { mtime, mode: S_IFDIR | entry.mode });
        }
        else if (entry.type === 'symlink') {
            zip.addBuffer(Buffer.from(entry.linkTarget ?? ''), entry.path, { mtime, mode: S_IFLNK | entry.mode, compress: false });
        }
        else {
            zip.addReadStreamLazy(entry.path, { mtime, mode: S_IFREG | entry.mode, size: entry.size, compress: true, compressionLevel: 6 }, (callback) => {
                const content = external_node_stream_.Readable.from(reader.content(entry, (digests) => options.record?.(entry, digests)));
                content.on('error', fail);
                callback(null, content);
            });
        }
    }
    zip.end();
    try {
        await (0,external_node_stream_promises_.pipeline)(output, sink);
    }
    catch (error) {
        throw failure ?? error;
    }
    finally {
        reader.close();
    }
}

;// CONCATENATED MODULE: ./src/packaging/package-artefact.ts















/**
 * Packages a build output into one artefact in `outputDir`, with `<file>.manifest.json` and a
 * SHA256SUMS line beside it. The digest is taken while the artefact is written; nothing is left
 * in `outputDir` when packaging fails.
 */
async function packageArtefact(options) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(options.name)) {
        throw new errors/* UserError */.yo(`Artefact name ${JSON.stringify(options.name)} is not valid: use letters, digits, '.', '_', '+' and '-', starting with a letter or digit (set 'name').`);
    }
    const deb = options.format === 'deb' ? { ...requireDeb(options), version: options.version } : undefined;
    if (deb)
        validateDebControl(deb);
    const entries = await withBuildInfo(await collectFiles(options.path, options.cwd, [options.outputDir]), options);
    await (0,promises_.mkdir)(options.outputDir, { recursive: true });
    const fileName = deb ? debFileName(deb) : `${options.name}-${options.version}.${options.format}`;
    const file = external_node_path_default().resolve(options.outputDir, fileName);
    const partial = external_node_path_default().join(options.outputDir, `.${fileName}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.partial`);
    const digests = new Map();
    const archive = { mtime: options.sourceDate, record: (entry, fileDigests) => digests.set(entry.path, fileDigests) };
    const digest = new DigestStream();
    const written = (0,external_node_stream_promises_.pipeline)(digest, (0,external_node_fs_.createWriteStream)(partial));
    try {
        if (deb)
            await writeDeb(entries, digest, deb, { ...archive, tempDir: options.outputDir });
        else if (options.format === 'zip')
            await writeZip(entries, digest, archive);
        else
            await writeTarGz(entries, digest, archive);
        await written;
        await (0,promises_.rename)(partial, file);
    }
    catch (error) {
        digest.destroy();
        await written.catch(() => undefined);
        await (0,promises_.rm)(partial, { force: true });
        throw error;
    }
    const result = { file, digest: digest.digest(), size: digest.bytes, version: options.version };
    const manifest = `${file}.manifest.json`;
    const content = { name: options.name, format: options.format, ...result, file: fileName, files: manifestEntries(entries, digests) };
    await (0,promises_.writeFile)(manifest, `${JSON.stringify(content, null, 2)}\n`);
    await recordChecksum(external_node_path_default().join(options.outputDir, 'SHA256SUMS'), fileName, result.digest);
    return { ...result, manifest, files: entries.filter((entry) => entry.type === 'file').length };
}
function requireDeb(options) {
    if (!options.deb)
        throw new errors/* UserError */.yo(`Format 'deb' needs the Debian control fields.`);
    return options.deb;
}
async function withBuildInfo(entries, options) {
    if (options.buildInfo === false)
        return entries;
    if (entries.some((entry) => entry.path === BUILD_INFO_FILE)) {
        throw new errors/* UserError */.yo(`The packaged tree already holds ${BUILD_INFO_FILE}; remove it, or set 'build-info: false' to package the tree as it is.`);
    }
    const content = buildInfoJson({ ...options.buildInfo, name: options.name, version: options.version, sourceDate: new Date(options.sourceDate * 1000).toISOString() });
    return sortEntries([...entries, { path: BUILD_INFO_FILE, type: 'file', mode: 0o644, size: content.length, content }]);
}

// EXTERNAL MODULE: ./src/packaging/version.ts
var packaging_version = __webpack_require__(33971);
;// CONCATENATED MODULE: ./src/packaging/workflow-artifact.ts

const hexOf = (digest) => digest?.trim().toLowerCase().replace(/^sha256:/, '');
/**
 * What to do with an artefact whose name may already be taken in this workflow run (a re-run or a
 * retried step uploads under the same name, and the service refuses a second artifact of that name):
 * nothing stored → `undefined`, upload it; the same bytes stored → that artifact, reuse it; other
 * bytes (or bytes of unknown digest) stored → a UserError, since they cannot both be `name`.
 */
function reusableArtifact(name, digest, stored) {
    if (!stored)
        return undefined;
    if (stored.digest !== undefined && hexOf(stored.digest) === hexOf(digest))
        return stored;
    const theirs = stored.digest === undefined ? 'of unknown digest' : stored.digest;
    throw new errors/* UserError */.yo(`This workflow run already holds a different artifact named ${name} (id ${stored.id}, ${theirs}) than the one just packaged (${digest}); a name is used once per run: give this artefact a different 'name' or 'version', or delete that artifact before re-running.`);
}
const NETWORK_CODES = ['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'EPIPE'];
/** NetworkError's message, which the Twirp client wraps in a plain `Failed to <Method>: …` Error. */
const NETWORK_MESSAGE = new RegExp(`Unable to make request: (${NETWORK_CODES.join('|')})\\b`);
/**
 * The code of a request that never got an answer, else undefined: `@actions/artifact`'s NetworkError
 * (its Twirp client retries 5xx and 429 itself, but gives up at once on a reset connection, and
 * rethrows it as `Failed to CreateArtifact: Unable to make request: ECONNRESET …`), or a socket error.
 */
function networkErrorCode(error) {
    const { code, message } = (error ?? {});
    if (typeof code === 'string' && NETWORK_CODES.includes(code))
        return code;
    return typeof message === 'string' ? NETWORK_MESSAGE.exec(message)?.[1] : undefined;
}
const sleepFor = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Uploads the artefact `name` (of `digest`) unless this run already holds it, retrying network
 * errors a few times. Every attempt looks the name up first, so a retry never makes a second
 * artifact: an earlier attempt that was finalized (its answer lost) is found and reused; one that
 * was not left only a pending artifact, which the service neither lists nor keeps.
 */
async function uploadOnce(name, digest, store, retry = {}) {
    const { attempts = 3, baseMs = 1000, sleep = sleepFor, log = () => { } } = retry;
    for (let attempt = 1;; attempt += 1) {
        try {
            const stored = reusableArtifact(name, digest, await store.find(name));
            if (stored)
                return { id: stored.id, reused: true };
            try {
                return { id: await store.upload(), reused: false };
            }
            catch (error) {
                // Another job of this run took the name between the look-up and the upload (409 already exists).
                if (!/already exists|\(409\)/i.test(String(error)))
                    throw error;
                const raced = reusableArtifact(name, digest, await store.find(name));
                if (!raced)
                    throw error;
                return { id: raced.id, reused: true };
            }
        }
        catch (error) {
            const code = networkErrorCode(error);
            if (!code || attempt >= attempts)
                throw error;
            const wait = baseMs * 2 ** (attempt - 1);
            log(`The artifact service did not answer (${code}); trying again in ${wait} ms (attempt ${attempt + 1} of ${attempts}).`);
            await sleep(wait);
        }
    }
}

;// CONCATENATED MODULE: ./src/actions/package/main.ts











/** The action, once `readInputs` has accepted every input (see index.ts). */
async function run(inputs) {
    const env = process.env;
    const repository = env.GITHUB_REPOSITORY;
    const name = inputs.name ?? repository?.split('/')[1];
    if (!name)
        throw new errors/* InputError */.dz('name', "Input 'name' is needed when GITHUB_REPOSITORY is not set; give the artefact a name.");
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const version = (0,packaging_version/* resolveVersion */.x)({ given: inputs.version, ref: env.GITHUB_REF, sha: env.GITHUB_SHA });
    const sourceDate = resolveSourceDate({ sourceDateEpoch: env.SOURCE_DATE_EPOCH, commitTime: await commitTime(workspace, env.GITHUB_SHA || 'HEAD') });
    const runUrl = repository && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    const result = await packageArtefact({
        path: inputs.path,
        cwd: workspace,
        name,
        version,
        format: inputs.format,
        outputDir: external_node_path_default().resolve(workspace, inputs.outputDir ?? env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)()),
        sourceDate,
        buildInfo: inputs.buildInfo && { commit: env.GITHUB_SHA, ref: env.GITHUB_REF, repository, runUrl },
        deb: inputs.format === 'deb' ? debControlFor(name, inputs.deb, repository) : undefined,
    });
    core.info(`Packaged ${result.file} (${result.size} bytes, ${result.files} files): ${result.digest}`);
    const uploaded = (inputs.upload ?? Boolean(env.ACTIONS_RUNTIME_TOKEN)) ? await upload(result, inputs, runUrl) : undefined;
    setOutputs({
        'file': result.file,
        'digest': result.digest,
        'size': String(result.size),
        'version': result.version,
        'manifest': result.manifest,
        'artifact-name': uploaded?.name,
        'artifact-id': uploaded?.id === undefined ? undefined : String(uploaded.id),
        'artifact-url': uploaded?.url,
    });
    writeJobSummary(summary(name, inputs.format, result, uploaded));
}
/**
 * Uploads the artefact itself, unzipped, so the workflow artifact has the very bytes of the digest.
 * A name is used once per workflow run, and a re-run (or retried step) packages the same bytes under
 * the same name: an artifact already in the run with this digest is reused, not uploaded again
 * (see `uploadOnce`, which also retries a connection the artifact service dropped).
 */
async function upload(result, inputs, runUrl) {
    // The artifact client (and the Azure SDK under it) loads only when uploading.
    const { DefaultArtifactClient } = await __webpack_require__.e(/* import() */ 584).then(__webpack_require__.bind(__webpack_require__, 20584));
    const client = new DefaultArtifactClient();
    const name = external_node_path_default().basename(result.file);
    const store = {
        find: () => storedArtifact(client, name),
        upload: async () => {
            const response = await client.uploadArtifact(name, [result.file], external_node_path_default().dirname(result.file), {
                skipArchive: true,
                ...(inputs.retentionDays === undefined ? {} : { retentionDays: inputs.retentionDays }),
            });
            return response.id;
        },
    };
    const { id, reused } = await uploadOnce(name, result.digest, store, { baseMs: millisecondsFromEnv('SLIPWAY_RETRY_BASE_MS'), log: (message) => core.info(message) });
    const url = runUrl && id !== undefined ? `${runUrl}/artifacts/${id}` : undefined;
    core.info(`${reused ? 'Reusing (same digest, already in this run)' : 'Uploaded'} workflow artifact ${name}${url ? `: ${url}` : ''}`);
    return { name, id, url };
}
/** The artifact named `name` already in this workflow run, if any. */
async function storedArtifact(client, name) {
    try {
        const { artifact } = await client.getArtifact(name);
        return { id: artifact.id, ...(artifact.digest ? { digest: artifact.digest } : {}) };
    }
    catch (error) {
        if (error.name === 'ArtifactNotFoundError')
            return undefined;
        throw error;
    }
}
function summary(name, format, result, uploaded) {
    const artifact = uploaded ? (uploaded.url ? `[${uploaded.name}](${uploaded.url})` : uploaded.name) : 'not uploaded';
    return [
        `### 📦 Packaged ${name} ${result.version}`,
        '',
        markdownTable(['Name', 'Version', 'Format', 'Size', 'Files', 'Digest', 'Artifact'], [[name, result.version, format, `${result.size.toLocaleString('en-US')} bytes`, result.files, `\`${result.digest}\``, artifact]]),
        '',
    ].join('\n');
}


/***/ })

};
