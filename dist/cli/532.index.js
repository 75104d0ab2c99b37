export const id = 532;
export const ids = [532];
export const modules = {

/***/ 5532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runNotes: () => (/* binding */ runNotes)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/git/runner.ts

/** A git failure: the command and git's own message, on one line. */
class GitError extends Error {
    args;
    stderr;
    exitCode;
    name = 'GitError';
    constructor(args, stderr, exitCode) {
        const lines = stderr.trim().split('\n');
        super(`git ${args.join(' ')} failed: ${lines.find((line) => /^(fatal|error):/.test(line)) ?? lines.pop() ?? 'no message'}`);
        this.args = args;
        this.stderr = stderr;
        this.exitCode = exitCode;
    }
}
/** Git through `execFile` (never a shell), so tag names and paths are never interpreted. */
function createGit(cwd, env = process.env) {
    return {
        cwd,
        run: (args) => new Promise((resolve, reject) => {
            (0,external_node_child_process_.execFile)('git', args, { cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
                if (error)
                    reject(new GitError(args, String(stderr || error.message), typeof error.code === 'number' ? error.code : undefined));
                else
                    resolve(String(stdout));
            });
        }),
    };
}
/** Runs git and answers whether it exited 0 (for yes/no questions such as `merge-base --is-ancestor`). */
async function gitSucceeds(git, args) {
    try {
        await git.run(args);
        return true;
    }
    catch (error) {
        if (error instanceof GitError && error.exitCode === 1)
            return false;
        throw error;
    }
}

// EXTERNAL MODULE: ./src/runtime/errors.ts
var errors = __webpack_require__(9541);
;// CONCATENATED MODULE: ./src/git/tags.ts
const FORMAT = '%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(creatordate:iso-strict)';
/** Parses `git for-each-ref refs/tags --format=FORMAT` output. */
function parseTagRefs(output) {
    return output
        .split('\n')
        .filter(Boolean)
        .map((line) => {
        const [name = '', object = '', peeled = '', date = ''] = line.split('\0');
        return { name, commit: peeled || object, date };
    });
}
/** Local tags; with `mergedInto`, only those whose commit is an ancestor of (or equal to) that ref. */
async function listTags(git, options = {}) {
    const args = ['for-each-ref', `--format=${FORMAT}`];
    if (options.mergedInto)
        args.push(`--merged=${options.mergedInto}`);
    args.push('refs/tags');
    return parseTagRefs(await git.run(args));
}
/** The commit a ref names, or undefined when it does not resolve. */
async function resolveCommit(git, ref) {
    try {
        return (await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/release-notes/contributors.ts
/** `dependabot[bot]`, `Dependabot` and `dependabot` are one account: compare logins this way. */
function normalizeLogin(login) {
    return login.trim().toLowerCase().replace(/\[bot\]$/, '');
}
/** Whether `exclude-authors` lists this author (by login, or by name offline). */
function isListedAuthor(author, excludeAuthors) {
    const excluded = new Set(excludeAuthors.map(normalizeLogin));
    return [author.login, author.name].some((id) => id !== undefined && excluded.has(normalizeLogin(id)));
}
/** Left out of credits: author type Bot, a `[bot]` login or name, or listed in `exclude-authors`. */
function isExcludedAuthor(author, excludeAuthors) {
    if (author.isBot || /\[bot\]$/i.test(author.login ?? author.name ?? ''))
        return true;
    return isListedAuthor(author, excludeAuthors);
}
function identity(author) {
    if (author.login)
        return `login:${normalizeLogin(author.login)}`;
    if (author.email)
        return `email:${author.email.toLowerCase()}`;
    return author.name ? `name:${author.name}` : undefined;
}
/**
 * People credited for `changes`, bots left out. First-time contributors are those none of whose
 * commit e-mails appear in the history before the range (`earlierEmails`); with no previous
 * release, everyone is new.
 */
function collectContributors(changes, earlierEmails, excludeAuthors) {
    const byIdentity = new Map();
    // Oldest first, so a contributor's first change is the one they are credited with.
    for (const change of [...changes].reverse()) {
        if (isExcludedAuthor(change.author, excludeAuthors))
            continue;
        const key = identity(change.author);
        if (!key)
            continue;
        const seenBefore = earlierEmails !== undefined && change.emails.some((email) => earlierEmails.has(email.toLowerCase()));
        const existing = byIdentity.get(key);
        if (existing)
            existing.firstTime &&= !seenBefore;
        else
            byIdentity.set(key, { login: change.author.login, name: change.author.name, firstTime: !seenBefore, firstChange: change });
    }
    return [...byIdentity.values()].sort((a, b) => (a.login ?? a.name ?? '').localeCompare(b.login ?? b.name ?? ''));
}

;// CONCATENATED MODULE: ./src/release-notes/classify.ts

/** Labels that mark a breaking change, as commonly used (GitHub's own example uses the first two). */
const BREAKING_LABELS = ['semver-major', 'breaking-change', 'breaking change', 'breaking'];
/** Default sections, in order, for conventional-commit types (breaking changes always come first). */
const DEFAULT_SECTIONS = [
    { title: 'Features', types: ['feat', 'feature'], labels: ['enhancement', 'feature'] },
    { title: 'Fixes', types: ['fix', 'bugfix'], labels: ['bug', 'fix'] },
    { title: 'Performance', types: ['perf'], labels: ['performance'] },
    { title: 'Security', types: ['security'], labels: ['security'] },
    { title: 'Reverts', types: ['revert'], labels: [] },
    { title: 'Documentation', types: ['docs'], labels: ['documentation', 'docs'] },
    { title: 'Refactoring', types: ['refactor'], labels: ['refactor'] },
    { title: 'Tests', types: ['test', 'tests'], labels: ['test', 'tests'] },
    { title: 'Build and CI', types: ['build', 'ci'], labels: ['ci', 'build'] },
    { title: 'Dependencies', types: ['deps'], labels: ['dependencies'] },
    { title: 'Chores', types: ['chore', 'style'], labels: ['chore'] },
];
const lower = (values) => new Set(values.map((value) => value.toLowerCase()));
function hasBreakingLabel(labels) {
    return labels.some((label) => BREAKING_LABELS.includes(label.toLowerCase()));
}
function excludedBy(change, exclude) {
    const labels = lower(exclude.labels);
    if (change.labels.some((label) => labels.has(label.toLowerCase())))
        return true;
    const authors = new Set(exclude.authors.map(normalizeLogin));
    const login = change.author.login ?? change.author.name;
    return login !== undefined && authors.has(normalizeLogin(login));
}
/** GitHub's generator: each pull request goes to the first category whose labels it has (`*` matches all) and that does not exclude it. */
function byReleaseConfig(changes, config) {
    const sections = config.categories.map((category) => ({ title: category.title, changes: [] }));
    for (const change of changes) {
        if (excludedBy(change, config.exclude))
            continue;
        const index = config.categories.findIndex((category) => {
            const labels = lower(category.labels);
            const matches = labels.has('*') || change.labels.some((label) => labels.has(label.toLowerCase()));
            return matches && !excludedBy(change, category.exclude);
        });
        // Like GitHub, a change no category takes is left out (add a "*" category to keep everything).
        if (index >= 0)
            sections[index].changes.push(change);
    }
    return sections;
}
function byConvention(changes) {
    const breaking = [];
    const sections = DEFAULT_SECTIONS.map((section) => ({ title: section.title, changes: [] }));
    const other = [];
    for (const change of changes) {
        if (change.breaking) {
            breaking.push(change);
            continue;
        }
        const labels = lower(change.labels);
        const index = DEFAULT_SECTIONS.findIndex((section) => (change.type ? section.types.includes(change.type) : section.labels.some((label) => labels.has(label))));
        (index >= 0 ? sections[index].changes : other).push(change);
    }
    return [{ title: 'Breaking changes', changes: breaking }, ...sections, { title: 'Other', changes: other }];
}
/** Sorts changes into sections, dropping excluded authors' entries; empty sections are dropped. */
function classify(changes, options) {
    const kept = changes.filter((change) => !isListedAuthor(change.author, options.excludeAuthors));
    const sections = options.config ? byReleaseConfig(kept, options.config) : byConvention(kept);
    return sections.filter((section) => section.changes.length > 0);
}

// EXTERNAL MODULE: ./node_modules/conventional-commits-parser/dist/index.js + 5 modules
var dist = __webpack_require__(4674);
;// CONCATENATED MODULE: ./src/release-notes/conventional-title.ts

const parser = new dist/* CommitParser */.Jf({
    headerPattern: /^(\w*)(?:\(([^)]*)\))?!?: (.*)$/,
    breakingHeaderPattern: /^(\w*)(?:\(([^)]*)\))?!: (.*)$/,
    noteKeywords: ['BREAKING CHANGE', 'BREAKING-CHANGE'],
    // Issue references are never read here; their regex was a third of the time on long histories.
    issuePrefixes: undefined,
    referenceActions: undefined,
});
/** Reads a Conventional Commits title (and body, for a `BREAKING CHANGE:` footer); plain titles pass through. */
function parseConventional(title, body = '') {
    const parsed = parser.parse(body ? `${title}\n\n${body}` : title);
    const breaking = parsed.notes.some((note) => /^BREAKING[ -]CHANGE$/.test(note.title));
    if (parsed.revert)
        return { type: 'revert', subject: title, breaking };
    if (!parsed.type)
        return { subject: title, breaking };
    return {
        type: parsed.type.toLowerCase(),
        scope: parsed.scope ?? undefined,
        subject: parsed.subject ?? title,
        breaking,
    };
}

;// CONCATENATED MODULE: ./src/release-notes/pull-request-numbers.ts
const MERGE_COMMIT = /^Merge pull request #(\d+) from \S+/;
// The number GitHub appends to a squash-merge subject; a trailing quote (a plain revert of one) does not count.
const SQUASH_SUFFIX = /\(#(\d+)\)\s*$/;
/** The pull request a first-parent commit merged, read from its subject; undefined when it names none. */
function pullRequestNumber(subject) {
    const match = MERGE_COMMIT.exec(subject) ?? SQUASH_SUFFIX.exec(subject);
    return match ? Number(match[1]) : undefined;
}
/** The title a commit gives its pull request offline: a merge commit's body line, or the squash subject without `(#n)`. */
function titleFromCommit(subject, body) {
    if (MERGE_COMMIT.test(subject))
        return body.split('\n').find((line) => line.trim())?.trim() ?? subject;
    return subject.replace(SQUASH_SUFFIX, '').trim();
}

;// CONCATENATED MODULE: ./src/release-notes/changes.ts



function describe(title, body) {
    const parts = parseConventional(title, body);
    return { type: parts.type, scope: parts.scope, subject: parts.subject, breaking: parts.breaking };
}
function fromPullRequest(pr, commit) {
    const parts = describe(pr.title, pr.body);
    return { kind: 'pull-request', number: pr.number, sha: commit.sha, title: pr.title, body: pr.body, labels: pr.labels, author: pr.author, url: pr.url, emails: [...commit.emails], ...parts, breaking: parts.breaking || hasBreakingLabel(pr.labels) };
}
function commitAuthor(commit) {
    const person = commit.branchAuthor ?? { name: commit.authorName, email: commit.authorEmail };
    return { name: person.name, email: person.email, isBot: /\[bot\]$/i.test(person.name) };
}
/**
 * One change per pull request (its commits merged into one entry, e.g. a rebase merge) and one per
 * commit with none. `lookup` comes from the API; without it (offline), numbers in commit messages
 * still make pull-request entries, titled from the commit.
 */
function buildChanges(commits, lookup) {
    const changes = [];
    const byNumber = new Map();
    for (const commit of commits) {
        const number = pullRequestNumber(commit.subject);
        const pr = number !== undefined ? lookup?.byNumber.get(number) : lookup?.byCommit.get(commit.sha);
        if (pr || (number !== undefined && !lookup)) {
            const key = pr?.number ?? number;
            const existing = byNumber.get(key);
            if (existing) {
                existing.emails.push(...commit.emails);
                continue;
            }
            const change = pr ? fromPullRequest(pr, commit) : offlinePullRequest(commit, number);
            byNumber.set(key, change);
            changes.push(change);
            continue;
        }
        changes.push({ kind: 'commit', sha: commit.sha, title: commit.subject, body: commit.body, labels: [], author: commitAuthor(commit), emails: [...commit.emails], ...describe(commit.subject, commit.body) });
    }
    return changes;
}
function offlinePullRequest(commit, number) {
    const title = titleFromCommit(commit.subject, commit.body);
    const body = commit.parents.length > 1 ? '' : commit.body;
    return { kind: 'pull-request', number, sha: commit.sha, title, body, labels: [], author: commitAuthor(commit), emails: [...commit.emails], ...describe(title, body) };
}
/**
 * Pull-request numbers to fetch, and commits with none whose pull request must be looked up. Each
 * look-up takes one of a GraphQL batch's 50 places, so none is spent on the root commit of a first
 * release (the whole history, fully fetched): a pull request needs a base branch with history in
 * common, so the commit that starts the branch's history was there before any could merge into it.
 * Only then is a commit with no parents a real root rather than the edge of a shallow history.
 */
function lookupsFor(commits, options) {
    const numbers = [];
    const unnumbered = [];
    for (const commit of commits) {
        const number = pullRequestNumber(commit.subject);
        if (number !== undefined)
            numbers.push(number);
        else if (!(options.wholeHistory && commit.parents.length === 0))
            unnumbered.push(commit.sha);
    }
    return { numbers, commits: unnumbered };
}

;// CONCATENATED MODULE: ./src/git/log.ts
const FIELDS = ['%H', '%P', '%an', '%ae', '%aI', '%s', '%b'];
/** `git log` format: fields separated by NUL; with `-z` commits are NUL-separated too, so records have a fixed field count. */
const LOG_FORMAT = `--format=${FIELDS.join('%x00')}`;
/** Parses `git log -z` output produced with LOG_FORMAT. */
function parseLog(output) {
    const fields = output.split('\0');
    const commits = [];
    for (let i = 0; i + FIELDS.length <= fields.length; i += FIELDS.length) {
        const [sha, parents, authorName, authorEmail, date, subject, body] = fields.slice(i, i + FIELDS.length);
        // With -z, git puts the record separator after the body; a leading newline may remain.
        commits.push({
            sha: sha.replace(/^\n/, ''),
            parents: parents.split(' ').filter(Boolean),
            authorName: authorName,
            authorEmail: authorEmail,
            date: date,
            subject: subject,
            body: body.trim(),
        });
    }
    return commits;
}
/** Commits of `range` (e.g. `v1.0.0..v1.1.0`), newest first, following first parents unless told otherwise. */
async function readLog(git, range, options = {}) {
    const args = ['log', '-z', LOG_FORMAT];
    if (options.firstParent ?? true)
        args.push('--first-parent');
    args.push(range, '--');
    args.push(...(options.paths ?? []));
    return parseLog(await git.run(args));
}
/** Files each commit changed (merges against their first parent): sha → paths. */
async function readChangedFiles(git, range) {
    const output = await git.run(['log', '--first-parent', '--diff-merges=first-parent', '--name-only', '-z', '--format=%x01%H', range]);
    const files = new Map();
    let current;
    for (const item of output.split('\0')) {
        const token = item.replace(/^\n+/, '');
        if (token.startsWith('\x01')) {
            const [sha, first] = token.slice(1).split('\n');
            current = [];
            files.set(sha, current);
            if (first)
                current.push(first);
        }
        else if (token && current) {
            current.push(token);
        }
    }
    return files;
}

;// CONCATENATED MODULE: ./src/release-notes/commit-range.ts

/** `previous..tag` (or all of `tag`'s history for a first release) as a range expression. */
function rangeOf(previous, tag) {
    return previous ? `${previous}..${tag}` : tag;
}
/**
 * `git log previous..tag --first-parent`, newest first, with merged branches' authors
 * (for a merge, the commits of `git log parent1..parent2`).
 *
 * One `git log previous..tag` of every commit in the range: the first-parent chain is followed in
 * memory, and each merge's branch is found by walking parents from oldest merge to newest, keeping
 * the set of range commits already reachable from the first-parent line. Only when a branch reaches
 * below the range and `previous` is not the chain's base (so that history may not be reachable from
 * the first parent) is that one merge asked of git.
 */
async function readCommitRange(git, previous, tag) {
    const all = await readLog(git, rangeOf(previous, tag), { firstParent: false });
    const index = new Map();
    all.forEach((commit, i) => index.set(commit.sha, i));
    const chain = [];
    // With one positive ref, git shows it first; its first parents stay in the range until the boundary.
    for (let commit = all[0]; commit && chain.length < all.length;) {
        chain.push(commit);
        const next = commit.parents[0];
        const at = next === undefined ? undefined : index.get(next);
        commit = at === undefined ? undefined : all[at];
    }
    const base = chain.at(-1)?.parents[0];
    let baseIsPrevious;
    const previousIsBase = () => {
        baseIsPrevious ??= !previous || !base ? Promise.resolve(!previous) : git.run(['rev-parse', '--verify', '--quiet', `${previous}^{commit}`]).then((out) => out.trim() === base, () => false);
        return baseIsPrevious;
    };
    // Range commits reachable from the current first-parent commit (ancestor-closed within the range).
    const reached = new Set();
    /** Marks range commits reachable from `start` and not yet reached; returns their indexes and whether the walk left the range. */
    const walk = (start) => {
        const found = [];
        let outside = false;
        const stack = [start];
        while (stack.length > 0) {
            const sha = stack.pop();
            const at = index.get(sha);
            if (at === undefined) {
                outside = true;
                continue;
            }
            if (reached.has(at))
                continue;
            reached.add(at);
            found.push(at);
            stack.push(...all[at].parents);
        }
        return { found, outside };
    };
    const results = new Array(chain.length);
    const pending = [];
    for (let position = chain.length - 1; position >= 0; position -= 1) {
        const commit = chain[position];
        // Everything the first parent reaches in the range has been walked: it is the previous chain commit.
        reached.add(index.get(commit.sha));
        if (commit.parents.length < 2) {
            results[position] = { ...commit, emails: [commit.authorEmail] };
            continue;
        }
        const [first, second, ...others] = commit.parents;
        const branch = walk(second);
        for (const other of others)
            walk(other);
        const fromMemory = () => {
            const authors = branch.found.sort((a, b) => a - b).map((at) => all[at]);
            const newest = authors[0];
            return { ...commit, emails: authors.map((author) => author.authorEmail), branchAuthor: newest ? { email: newest.authorEmail, name: newest.authorName } : undefined };
        };
        if (!branch.outside) {
            results[position] = fromMemory();
            continue;
        }
        pending.push((async () => {
            if (await previousIsBase()) {
                results[position] = fromMemory();
                return;
            }
            const lines = (await git.run(['log', '--format=%ae%x00%an', `${first}..${second}`])).split('\n').filter(Boolean);
            const authors = lines.map((line) => line.split('\0'));
            const newest = authors[0];
            results[position] = { ...commit, emails: authors.map(([email]) => email), branchAuthor: newest ? { email: newest[0], name: newest[1] } : undefined };
        })());
    }
    await Promise.all(pending);
    return results;
}
/** Author e-mails of every commit reachable from `ref` (the history before the range), lower-cased. */
async function emailsBefore(git, ref) {
    if (!ref)
        return undefined;
    const output = await git.run(['log', '--format=%ae', ref]);
    return new Set(output.split('\n').filter(Boolean).map((email) => email.toLowerCase()));
}

;// CONCATENATED MODULE: ./src/git/shallow.ts
/** Whether the checkout is a shallow clone (actions/checkout makes one by default). */
async function isShallow(git) {
    return (await git.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}
/** Tag names on the remote, without fetching anything. */
async function listRemoteTags(git, remote = 'origin') {
    const output = await git.run(['ls-remote', '--tags', '--refs', remote]);
    return output
        .split('\n')
        .map((line) => line.split('\t')[1] ?? '')
        .filter((ref) => ref.startsWith('refs/tags/'))
        .map((ref) => ref.slice('refs/tags/'.length));
}
/**
 * Fetches just enough history for `base..tag`: everything reachable from `tag` but not from `base`
 * (`--shallow-exclude`), then one more generation (`--deepen=1`) so the boundary meets `base`.
 */
async function deepenTo(git, tag, base, remote = 'origin') {
    const tagRef = `+refs/tags/${tag}:refs/tags/${tag}`;
    // Separate fetches: excluding `base`'s history and fetching `base` in one command makes the server hang up.
    await git.run(['fetch', '--no-tags', `--shallow-exclude=refs/tags/${base}`, remote, tagRef]);
    await git.run(['fetch', '--no-tags', '--deepen=1', remote, tagRef]);
    await git.run(['fetch', '--no-tags', remote, `+refs/tags/${base}:refs/tags/${base}`]);
}
/** Fetches the whole history and every tag. */
async function unshallow(git, remote = 'origin') {
    await git.run(['fetch', '--unshallow', '--tags', '--force', remote]);
}

;// CONCATENATED MODULE: ./src/release-notes/history.ts


/**
 * Makes a shallow checkout (actions/checkout's default) deep enough: with a known previous tag,
 * only `previous..tag` (`--shallow-exclude` then `--deepen=1`); otherwise the whole history and tags
 * (`--unshallow --tags`). When fetching fails, the caller falls back to the compare API.
 */
async function prepareHistory(git, tag, previousTag, allowFetch = true) {
    if (!(await isShallow(git)))
        return { complete: true, source: 'local git' };
    if (!allowFetch)
        return { complete: true, grafted: true, source: 'local git (a shallow clone: older history is missing)' };
    try {
        if (previousTag) {
            await deepenTo(git, tag, previousTag);
            return { complete: true, source: `local git, shallow checkout deepened to ${previousTag} (git fetch --shallow-exclude, --deepen=1)` };
        }
        await unshallow(git);
        return { complete: true, source: 'local git, shallow checkout completed (git fetch --unshallow --tags)' };
    }
    catch (error) {
        return { complete: false, source: `the compare API (deepening the shallow checkout failed: ${(0,errors/* oneLine */.TN)(error)})` };
    }
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./src/release-notes/next-version.ts

/** Breaking → major, a feature → minor, anything else → patch. */
function bumpFor(changes) {
    if (changes.some((change) => change.breaking))
        return 'major';
    if (changes.some((change) => change.type === 'feat' || change.type === 'feature' || (!change.type && change.labels.some((label) => ['enhancement', 'feature'].includes(label.toLowerCase())))))
        return 'minor';
    return 'patch';
}
/**
 * The version these changes call for after `previous`. In 0.x nothing is promised, so everything
 * moves down one place: a breaking change bumps the minor (0.3.1 → 0.4.0) and a feature or fix the
 * patch (0.3.1 → 0.3.2); leaving 0.x is a decision people make by tagging 1.0.0. A prerelease
 * `previous` (2.0.0-rc.1) is finished rather than bumped (→ 2.0.0). With no previous release: 0.1.0.
 */
function nextVersion(previous, changes) {
    if (!previous)
        return '0.1.0';
    if (semver_default().prerelease(previous))
        return `${semver_default().major(previous)}.${semver_default().minor(previous)}.${semver_default().patch(previous)}`;
    const bump = bumpFor(changes);
    if (semver_default().major(previous) === 0)
        return semver_default().inc(previous, bump === 'major' ? 'minor' : 'patch');
    return semver_default().inc(previous, bump);
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/release-notes/paths.ts


/**
 * First-parent commits of `range` that touch a file matching one of `globs` (monorepo packages),
 * from one local `git log --name-only`, never per-commit API calls. Merges count what they brought in.
 */
async function commitsTouching(git, range, globs) {
    const matches = picomatch_default()([...globs], { dot: true });
    const touched = new Set();
    for (const [sha, files] of await readChangedFiles(git, range)) {
        if (files.some((file) => matches(file)))
            touched.add(sha);
    }
    return touched;
}

;// CONCATENATED MODULE: ./src/release-notes/previous-tag.ts


const VERSION_AT_END = /v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** What precedes the version in a tag: `v` in `v1.2.0`, `web/v` in `web/v1.2.0`, `api@` in `api@2.0.0`. */
function tagPrefixOf(tag) {
    const match = VERSION_AT_END.exec(tag);
    if (!match)
        return tag;
    const prefix = tag.slice(0, match.index);
    return match[0].startsWith('v') ? `${prefix}v` : prefix;
}
/** The semantic version a tag carries after `prefix`, or undefined when it is not one. */
function tagVersion(tag, prefix) {
    if (!tag.startsWith(prefix))
        return undefined;
    return semver_default().valid(tag.slice(prefix.length)) ?? undefined;
}
/**
 * The previous release: the highest-versioned ancestor tag below the released version that has
 * the same prefix (and pattern) and is valid semver. A stable release skips prerelease tags
 * unless `includePrereleases`; a prerelease compares against prereleases too.
 */
function choosePreviousTag(selection) {
    // A ref that is not a version tag (HEAD, a branch) takes any prefix, each tag read with its own.
    const ownPrefix = VERSION_AT_END.test(selection.tag) ? tagPrefixOf(selection.tag) : undefined;
    const prefix = selection.prefix ?? ownPrefix;
    const prefixOf = (tag) => prefix ?? tagPrefixOf(tag);
    if (selection.override) {
        return { tag: selection.override, version: tagVersion(selection.override, prefixOf(selection.override)), reason: `${selection.override}: given as 'previous-tag'.` };
    }
    const version = tagVersion(selection.tag, prefixOf(selection.tag));
    const matches = selection.pattern ? picomatch_default()(selection.pattern, { dot: true }) : () => true;
    // A ref with no version (HEAD) previews the next stable release.
    const stable = version === undefined || semver_default().prerelease(version) === null;
    const allowPrereleases = selection.includePrereleases ?? !stable;
    const skipped = [];
    let best;
    for (const candidate of selection.ancestors) {
        if (candidate.name === selection.tag || candidate.commit === selection.tagCommit)
            continue;
        const candidateVersion = tagVersion(candidate.name, prefixOf(candidate.name));
        if (!candidateVersion || !matches(candidate.name))
            continue;
        if (version && !semver_default().lt(candidateVersion, version))
            continue;
        if (!allowPrereleases && semver_default().prerelease(candidateVersion)) {
            skipped.push(candidate.name);
            continue;
        }
        if (!best || semver_default().gt(candidateVersion, best.version))
            best = { tag: candidate.name, version: candidateVersion };
    }
    const rules = [prefix !== undefined ? `prefix '${prefix}'` : 'any prefix', selection.pattern ? `pattern '${selection.pattern}'` : '', 'valid semver', version ? `below ${version}` : '']
        .filter(Boolean)
        .join(', ');
    const skippedNote = skipped.length > 0 ? `; skipped prerelease ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', ...' : ''} because ${selection.tag} is stable` : '';
    if (!best)
        return { reason: `no ancestor tag of ${selection.tag} matches (${rules})${skippedNote}: first release, covering the whole history.` };
    return { ...best, reason: `${best.tag}: the highest ancestor of ${selection.tag} matching ${rules}${skippedNote}.` };
}

;// CONCATENATED MODULE: ./src/release-notes/pull-request-details.ts
const MAX_BATCH = 50;
const PR_FIELDS = 'number title body url mergedAt mergeCommit { oid } labels(first: 100) { nodes { name } } author { __typename login }';
function toPullRequest(node) {
    const author = node.author;
    return {
        number: node.number,
        title: node.title,
        body: node.body ?? '',
        url: node.url,
        labels: (node.labels?.nodes ?? []).map((label) => label.name),
        author: author ? { login: author.login, isBot: author.__typename === 'Bot' } : { login: 'ghost', isBot: false },
    };
}
function alias(lookup) {
    return lookup.kind === 'number' ? `pr${lookup.number}` : `c${lookup.sha}`;
}
/** One aliased query for a batch: `pr12: pullRequest(number: 12)` and `c<sha>: object(oid: …) { associatedPullRequests }`. */
function batchQuery(lookups) {
    const fields = lookups.map((lookup) => lookup.kind === 'number'
        ? `${alias(lookup)}: pullRequest(number: ${lookup.number}) { ...pr }`
        : `${alias(lookup)}: object(oid: "${lookup.sha}") { ... on Commit { associatedPullRequests(first: 5) { nodes { ...pr } } } }`);
    return `query($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n    ${fields.join('\n    ')}\n  }\n}\nfragment pr on PullRequest { ${PR_FIELDS} }`;
}
/** 502s, timeouts and dropped connections: a smaller query may well succeed. */
function isTooBig(error) {
    const { status, name, code } = (error ?? {});
    if (typeof status === 'number')
        return status === 502 || status === 504;
    return name === 'AbortError' || name === 'TimeoutError' || ['ETIMEDOUT', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(code ?? '') || /timed? ?out/i.test(String(error?.message));
}
/** GraphQL answers `NOT_FOUND` for numbers that are issues, not pull requests; keep the rest of the data. */
function partialData(error) {
    const { name, data, errors } = (error ?? {});
    if (name === 'GraphqlResponseError' && data && errors?.every((item) => item.type === 'NOT_FOUND'))
        return data;
    throw error;
}
/**
 * Fetches pull-request details for `numbers` and finds the pull requests of `commits` (those with no
 * number in their message) through `associatedPullRequests`, in aliased queries of up to 50 lookups;
 * a batch answered with 502 or a timeout is split in half and retried.
 */
async function fetchPullRequests(graphql, repository, numbers, commits, options = {}) {
    const result = { byNumber: new Map(), byCommit: new Map(), requests: 0 };
    const lookups = [...new Set(numbers)].map((number) => ({ kind: 'number', number }));
    lookups.push(...[...new Set(commits)].map((sha) => ({ kind: 'commit', sha })));
    const size = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
    const run = async (batch) => {
        let data;
        try {
            result.requests += 1;
            data = await graphql(batchQuery(batch), { owner: repository.owner, name: repository.name }).catch(partialData);
        }
        catch (error) {
            if (batch.length === 1 || !isTooBig(error))
                throw error;
            const half = Math.ceil(batch.length / 2);
            options.log?.(`GraphQL batch of ${batch.length} failed (${error.message}); retrying as two of ${half} and ${batch.length - half}.`);
            await run(batch.slice(0, half));
            await run(batch.slice(half));
            return;
        }
        const repo = (data ?? {}).repository ?? {};
        for (const lookup of batch) {
            const value = repo[alias(lookup)];
            if (!value)
                continue;
            if (lookup.kind === 'number') {
                result.byNumber.set(lookup.number, toPullRequest(value));
            }
            else {
                const nodes = value.associatedPullRequests?.nodes ?? [];
                // The pull request whose merge made this commit, else the first merged one that contains it.
                const merged = nodes.find((node) => node.mergeCommit?.oid === lookup.sha) ?? nodes.find((node) => node.mergedAt);
                if (merged)
                    result.byCommit.set(lookup.sha, toPullRequest(merged));
            }
        }
    };
    for (let start = 0; start < lookups.length; start += size)
        await run(lookups.slice(start, start + size));
    return result;
}

;// CONCATENATED MODULE: ./src/release-notes/generate.ts











function compareUrl(options, previous) {
    if (!options.repository)
        return undefined;
    const base = `${(options.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${options.repository}`;
    return previous ? `${base}/compare/${previous}...${options.tag}` : `${base}/commits/${options.tag}`;
}
/** Tags tried, highest version first, before giving up on the compare API. */
const MAX_COMPARE_CANDIDATES = 5;
/** Previous tag by ancestry, and `git log previous..tag --first-parent` (kept to `paths`). */
async function fromLocalGit(git, selection, paths) {
    const tagCommit = await resolveCommit(git, selection.tag);
    if (!tagCommit)
        throw new errors/* UserError */.yo(`Tag or ref '${selection.tag}' is not in the checkout; check the 'tag' input, or check out with fetch-depth: 0.`);
    const previous = choosePreviousTag({ ...selection, tagCommit, ancestors: await listTags(git, { mergedInto: tagCommit }) });
    if (previous.tag && !(await resolveCommit(git, previous.tag)))
        throw new errors/* UserError */.yo(`Previous tag '${previous.tag}' is not in the checkout; check the 'previous-tag' input.`);
    let commits = await readCommitRange(git, previous.tag, selection.tag);
    if (paths.length > 0) {
        const touched = await commitsTouching(git, rangeOf(previous.tag, selection.tag), paths);
        commits = commits.filter((commit) => touched.has(commit.sha));
    }
    return { previous, commits, earlierEmails: await emailsBefore(git, previous.tag) };
}
/** Previous tag by version among the repository's tags, and the compare API's first-parent commits. */
async function fromCompareApi(remote, selection, paths, source) {
    const fix = 'use actions/checkout with fetch-depth: 0.';
    if (!remote)
        throw new errors/* UserError */.yo(`The checkout is shallow and could not be deepened: ${source}. ${fix}`);
    if (paths.length > 0)
        throw new errors/* UserError */.yo(`Input 'paths' needs the history in local git, and the shallow checkout could not be deepened; ${fix}`);
    if (selection.override) {
        return { previous: { tag: selection.override, reason: `${selection.override}: given as 'previous-tag'.` }, commits: (await remote.commits(selection.override, selection.tag, false)) ?? [] };
    }
    let candidates = (await remote.tags()).map((name) => ({ name, commit: '', date: '' }));
    // The compare API tells whether a tag is an ancestor (`behind_by` 0) in the very request that lists the commits.
    for (let attempt = 0; attempt < MAX_COMPARE_CANDIDATES; attempt += 1) {
        const previous = choosePreviousTag({ ...selection, tagCommit: '-', ancestors: candidates });
        if (!previous.tag)
            break;
        const commits = await remote.commits(previous.tag, selection.tag);
        if (commits)
            return { previous: { ...previous, reason: `${previous.reason} (ancestry checked with the compare API)` }, commits };
        candidates = candidates.filter((candidate) => candidate.name !== previous.tag);
    }
    throw new errors/* UserError */.yo(`No earlier release tag is an ancestor of ${selection.tag} among the repository's tags, and the shallow checkout could not fetch the whole history (${source}); ${fix}`);
}
/** From a tag to the model of its notes: range, pull requests, sections, credits and next version. */
async function generateNotes(deps, options) {
    const { git, log } = deps;
    const history = await prepareHistory(git, options.tag, options.previousTag, deps.allowFetch ?? true);
    const selection = { tag: options.tag, prefix: options.tagPrefix, pattern: options.tagPattern, includePrereleases: options.includePrereleases, override: options.previousTag };
    const { previous, commits, earlierEmails } = history.complete ? await fromLocalGit(git, selection, options.paths) : await fromCompareApi(deps.remote, selection, options.paths, history.source);
    log(`Previous tag: ${previous.reason}`);
    log(`History from ${history.source}: ${commits.length} first-parent commit(s) in ${rangeOf(previous.tag, options.tag)}.`);
    let lookup;
    let requests = 0;
    if (deps.graphql && options.repository) {
        const [owner = '', name = ''] = options.repository.split('/');
        const wanted = lookupsFor(commits, { wholeHistory: !previous.tag && history.complete && !history.grafted });
        lookup = await fetchPullRequests(deps.graphql, { owner, name }, wanted.numbers, wanted.commits, { log });
        requests = lookup.requests;
        log(`Pull requests: ${lookup.byNumber.size} by number, ${new Set([...lookup.byCommit.values()].map((pr) => pr.number)).size} through their commits, in ${requests} GraphQL request(s).`);
    }
    const changes = buildChanges(commits, lookup);
    const sections = classify(changes, { config: options.config, excludeAuthors: options.excludeAuthors });
    // Credit exactly the people whose changes the notes list (release.yml's exclusions included), oldest first.
    const listed = new Set(sections.flatMap((section) => section.changes));
    const contributors = collectContributors(changes.filter((change) => listed.has(change)), earlierEmails, options.excludeAuthors);
    const prefix = options.tagPrefix ?? tagPrefixOf(options.tag);
    return {
        requests,
        notes: {
            tag: options.tag,
            version: tagVersion(options.tag, prefix),
            previousTag: previous.tag,
            nextVersion: nextVersion(previous.version, changes),
            compareUrl: compareUrl(options, previous.tag),
            historySource: history.source,
            sections,
            contributors,
            newContributors: contributors.filter((contributor) => contributor.firstTime),
        },
    };
}

;// CONCATENATED MODULE: ./src/release-notes/model.ts
/** The notes as plain data: what `json-file` holds and what a `template` sees. */
function jsonModel(notes) {
    const credit = (contributor) => ({
        login: contributor.login,
        name: contributor.name,
        firstTime: contributor.firstTime,
        firstChange: { number: contributor.firstChange.number, sha: contributor.firstChange.sha, url: contributor.firstChange.url },
    });
    return {
        ...notes,
        sections: notes.sections.map((section) => ({ title: section.title, changes: section.changes.map((change) => ({ ...change, emails: undefined })) })),
        contributors: notes.contributors.map(credit),
        newContributors: notes.newContributors.map(credit),
    };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var yaml_dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/release-notes/release-config.ts


function strings(value, where, source) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
        throw new errors/* UserError */.yo(`${source}: '${where}' must be a list of strings.`);
    }
    return value.map(String);
}
function exclusions(value, where, source) {
    const object = (value ?? {});
    return { labels: strings(object.labels, `${where}.labels`, source), authors: strings(object.authors, `${where}.authors`, source) };
}
/** Parses release.yml text; `source` names the file in errors. */
function parseReleaseConfig(text, source) {
    let document;
    try {
        document = (0,yaml_dist/* parse */.qg)(text);
    }
    catch (error) {
        throw new errors/* UserError */.yo(`${source} is not valid YAML: ${error.message.split('\n')[0]}`);
    }
    const changelog = document?.changelog;
    if (!changelog || typeof changelog !== 'object')
        throw new errors/* UserError */.yo(`${source} has no 'changelog:' mapping; see GitHub's "Automatically generated release notes" format.`);
    const categories = changelog.categories ?? [];
    if (!Array.isArray(categories))
        throw new errors/* UserError */.yo(`${source}: 'changelog.categories' must be a list of { title, labels }.`);
    return {
        exclude: exclusions(changelog.exclude, 'changelog.exclude', source),
        categories: categories.map((raw, index) => {
            const where = `changelog.categories[${index}]`;
            if (typeof raw?.title !== 'string' || !raw.title)
                throw new errors/* UserError */.yo(`${source}: '${where}.title' is required.`);
            const labels = strings(raw.labels, `${where}.labels`, source);
            if (labels.length === 0)
                throw new errors/* UserError */.yo(`${source}: '${where}.labels' is required (use "*" for everything else).`);
            return { title: raw.title, labels, exclude: exclusions(raw.exclude, `${where}.exclude`, source) };
        }),
    };
}

;// CONCATENATED MODULE: ./src/release-notes/render-markdown.ts
function mention(change) {
    if (change.author.login)
        return ` @${change.author.login}`;
    return change.author.name ? ` by ${change.author.name}` : '';
}
/** `**scope:** subject (#12) @author`; plain titles are kept as they are. */
function renderEntry(change) {
    const text = change.type ? `${change.scope ? `**${change.scope}:** ` : ''}${change.subject}` : change.title;
    const reference = change.number !== undefined ? `#${change.number}` : change.sha.slice(0, 7);
    return `- ${text} (${reference})${mention(change)}`;
}
function person(contributor) {
    return contributor.login ? `@${contributor.login}` : (contributor.name ?? 'someone');
}
/** The notes as Markdown: sections, contributors (first-time ones called out), then the compare link. */
function renderMarkdown(notes) {
    const lines = [];
    for (const section of notes.sections) {
        lines.push(`## ${section.title}`, '', ...section.changes.map(renderEntry), '');
    }
    if (notes.sections.length === 0)
        lines.push('No changes.', '');
    if (notes.contributors.length > 0)
        lines.push('## Contributors', '', notes.contributors.map(person).join(', '), '');
    if (notes.newContributors.length > 0) {
        lines.push('## New contributors', '');
        for (const contributor of notes.newContributors) {
            const change = contributor.firstChange;
            lines.push(`- ${person(contributor)} made their first contribution in ${change.number !== undefined ? `#${change.number}` : change.sha.slice(0, 7)}`);
        }
        lines.push('');
    }
    if (notes.compareUrl)
        lines.push(`**Full changelog**: ${notes.compareUrl}`, '');
    return lines.join('\n').trimEnd() + '\n';
}

;// CONCATENATED MODULE: ./src/git/remote.ts
/** `owner/name` of a GitHub remote URL (https or ssh), for the compare link. */
function repositoryOfRemote(url) {
    return /github\.com[:/]([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/.exec(url.trim())?.[1];
}

;// CONCATENATED MODULE: ./src/cli/run/notes.ts









async function originRepository(git) {
    try {
        return repositoryOfRemote(await git.run(['remote', 'get-url', 'origin']));
    }
    catch {
        return undefined;
    }
}
/** `slipway notes`: release notes from local git alone. */
async function runNotes(options) {
    const cwd = process.cwd();
    const git = createGit(cwd);
    const configFile = external_node_path_default().resolve(cwd, options.config ?? '.github/release.yml');
    if (options.config && !(0,external_node_fs_.existsSync)(configFile))
        throw new errors/* UserError */.yo(`--config: no file at ${JSON.stringify(options.config)}; give the path of a release.yml.`);
    const config = (0,external_node_fs_.existsSync)(configFile) ? parseReleaseConfig((0,external_node_fs_.readFileSync)(configFile, 'utf8'), external_node_path_default().relative(cwd, configFile)) : undefined;
    const { notes } = await generateNotes({ git, log: (message) => process.stderr.write(`${message}\n`), allowFetch: false }, { tag: options.to, previousTag: options.from, tagPrefix: options.tagPrefix, config, paths: [], excludeAuthors: [], repository: await originRepository(git) });
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(jsonModel(notes), null, 2)}\n` : renderMarkdown(notes));
}


/***/ })

};
