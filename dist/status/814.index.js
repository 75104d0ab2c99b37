export const id = 814;
export const ids = [814];
export const modules = {

/***/ 5814:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
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

// EXTERNAL MODULE: ./src/runtime/run-action.ts + 3 modules
var run_action = __webpack_require__(8221);
;// CONCATENATED MODULE: ./src/runtime/toolkit.ts



// Input reading is part of the light runtime that runs before an action's main module is loaded.

/** Writes every output, skipping undefined ones; values that are not strings are JSON-encoded. */
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs)) {
        if (value === undefined)
            continue;
        lib_core.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
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
function toolkit_millisecondsFromEnv(name) {
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
        retryBaseMs: toolkit_millisecondsFromEnv('SLIPWAY_RETRY_BASE_MS'),
        writeIntervalMs: toolkit_millisecondsFromEnv('SLIPWAY_WRITE_INTERVAL_MS'),
        counter,
        log: (message) => lib_core.info(message),
    });
}

// EXTERNAL MODULE: ./src/runtime/errors.ts
var errors = __webpack_require__(9541);
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

;// CONCATENATED MODULE: ./src/promotion/name-list.ts
/** `a, b, c and 4 more`: names for a one-line message, at most `max` of them spelt out. */
function nameList(names, max = 5) {
    if (names.length <= max)
        return names.join(', ');
    return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

;// CONCATENATED MODULE: ./src/promotion/history.ts

const FIELDS = `nodes { databaseId environment task payload commitOid createdAt creator { login }
  latestStatus { state createdAt description environmentUrl } }`;
function parsePayload(text) {
    if (!text)
        return undefined;
    try {
        const value = JSON.parse(text);
        // REST stores the payload as given; some clients double-encode it as a JSON string.
        const payload = typeof value === 'string' ? JSON.parse(value) : value;
        return payload && payload.slipway === 1 && typeof payload.digest === 'string' ? payload : undefined;
    }
    catch {
        return undefined;
    }
}
function toEntry(node, environment) {
    const status = node.latestStatus;
    return {
        id: node.databaseId ?? 0,
        environment: node.environment ?? environment,
        task: node.task ?? 'deploy',
        sha: node.commitOid,
        createdAt: Date.parse(node.createdAt),
        creator: node.creator?.login ?? '',
        state: (status?.state.toLowerCase() ?? 'pending'),
        stateAt: Date.parse(status?.createdAt ?? node.createdAt),
        stateDescription: status?.description ?? '',
        environmentUrl: status?.environmentUrl ?? undefined,
        payload: parsePayload(node.payload),
    };
}
/**
 * Reads the latest `depth` deployments of each environment with their latest statuses, in one
 * GraphQL request (one aliased connection per environment), newest first.
 */
async function readHistory(gh, repo, environments, depth = 30) {
    return (await queryHistory(gh, repo, environments, depth, 0)).history;
}
/**
 * `readHistory`, plus the environments of the repository's newest `recent` deployments that Slipway
 * made, read in the same single request: what a misspelt environment name is told to compare with.
 */
async function readHistoryAndEnvironments(gh, repo, environments, depth = 30, recent = 50) {
    return queryHistory(gh, repo, environments, depth, recent);
}
async function queryHistory(gh, repo, environments, depth, recent) {
    const unique = [...new Set(environments)];
    const vars = unique.map((_, i) => `$e${i}: [String!]`).join(', ');
    const fields = unique.map((_, i) => `e${i}: deployments(environments: $e${i}, first: $first, orderBy: {field: CREATED_AT, direction: DESC}) { ${FIELDS} }`);
    if (recent > 0)
        fields.push('recent: deployments(first: $recent, orderBy: {field: CREATED_AT, direction: DESC}) { nodes { environment payload } }');
    const query = `query SlipwayHistory($owner: String!, $name: String!, $first: Int!${recent > 0 ? ', $recent: Int!' : ''}, ${vars}) { repository(owner: $owner, name: $name) { ${fields.join('\n')} } }`;
    const variables = { owner: repo.owner, name: repo.name, first: depth, ...(recent > 0 ? { recent } : {}) };
    unique.forEach((env, i) => (variables[`e${i}`] = [env]));
    const data = (await gh.graphql(query, variables));
    const history = new Map();
    unique.forEach((env, i) => {
        const nodes = data.repository?.[`e${i}`]?.nodes ?? [];
        const entries = nodes.filter((n) => n !== null).map((n) => toEntry(n, env));
        history.set(env, entries.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id));
    });
    const elsewhere = (data.repository?.recent?.nodes ?? []).filter((n) => n !== null && Boolean(n.environment) && parsePayload(n.payload) !== undefined);
    return { history, deployedEnvironments: [...new Set(elsewhere.map((n) => n.environment))] };
}
/** Where Slipway has deployed in the repository: what a name that matched nothing is told to compare with. */
function slipwayDeployedTo(environments) {
    return environments.length > 0 ? `Slipway has deployed to ${nameList(environments)}` : 'this repository has no Slipway deployments yet';
}
/** Succeeded and not later failed: `success`, or `inactive` (Slipway only retires deployments that succeeded). */
function succeeded(entry) {
    return entry.state === 'success' || entry.state === 'inactive';
}
/** The release serving the environment now: the newest Slipway deployment whose latest status is `success`. */
function currentDeployment(entries) {
    return entries.find((e) => e.state === 'success' && e.payload);
}
const ROLLED_BACK = 'Rolled back';
/** Whether `digest` was rolled back from this environment (by the rollback action or an automatic rollback). */
function wasRolledBack(entries, digest) {
    return entries.find((e) => (e.payload?.rolled_back?.digest === digest) || (e.payload?.digest === digest && e.state === 'failure' && e.stateDescription.startsWith(ROLLED_BACK)));
}
/** `v1.2.3 (sha256:0123456789ab…) success` for messages. */
function describeEntry(entry) {
    const release = entry.payload ? `${entry.payload.version} (${history_shortDigest(entry.payload.digest)})` : `deployment ${entry.id}`;
    return `${release} ${entry.state}`;
}
function history_shortDigest(digest) {
    return digest.replace(/^sha256:/, '').slice(0, 12);
}

;// CONCATENATED MODULE: ./src/promotion/status-matrix.ts


/** Distinct digests that succeeded in `entries` after the release `digest` (newest first). */
function releasesAfter(entries, digest) {
    const newer = new Set();
    for (const entry of entries) {
        if (entry.payload?.digest === digest)
            break;
        if (succeeded(entry) && entry.payload && entry.task === 'deploy')
            newer.add(entry.payload.digest);
    }
    return newer.size;
}
/** The environment × version matrix, in the order given (each environment's upstream is the one before it). */
function statusMatrix(environments, history) {
    return environments.map((environment, index) => {
        const entries = history.get(environment) ?? [];
        const live = currentDeployment(entries);
        const upstream = index > 0 ? environments[index - 1] : null;
        const upstreamEntries = upstream ? (history.get(upstream) ?? []) : [];
        return {
            environment,
            version: live?.payload?.version ?? null,
            digest: live?.payload?.digest ?? null,
            commit: live?.sha ?? null,
            slot: live?.payload?.slot ?? null,
            deployedAt: live ? new Date(live.createdAt).toISOString() : null,
            deployedBy: live?.creator ?? null,
            deploymentId: live?.id ?? null,
            status: entries[0]?.state ?? 'none',
            url: live?.environmentUrl ?? null,
            upstream,
            behind: upstream ? releasesAfter(upstreamEntries, live?.payload?.digest) : null,
        };
    });
}
/** The environments, of those given, with no deployment at all (by Slipway or anything else). */
function neverDeployed(environments, history) {
    return environments.filter((environment) => (history.get(environment) ?? []).length === 0);
}
/** The `status` column for people: `none` (no deployment at all) reads as "never deployed". */
const statusText = (row) => (row.status === 'none' ? 'never deployed' : row.status);
function matrixMarkdown(rows) {
    const behind = (row) => (row.behind === null ? '—' : row.behind === 0 ? `up to date with ${row.upstream}` : `${row.behind} behind ${row.upstream}`);
    return markdownTable(['Environment', 'Version', 'Digest', 'Commit', 'Slot', 'Deployed at', 'By', 'Status', 'URL', 'Behind'], rows.map((r) => [r.environment, r.version ?? '—', r.digest ? history_shortDigest(r.digest) : '—', r.commit?.slice(0, 7) ?? '—', r.slot ?? '—', r.deployedAt ?? '—', r.deployedBy ?? '—', statusText(r), r.url ?? '—', behind(r)]));
}
/** Plain text for the terminal: one aligned line per environment. */
function matrixText(rows) {
    const table = [['ENVIRONMENT', 'VERSION', 'DIGEST', 'COMMIT', 'SLOT', 'DEPLOYED', 'BY', 'STATUS', 'BEHIND']].concat(rows.map((r) => [r.environment, r.version ?? '-', r.digest ? shortDigest(r.digest) : '-', r.commit?.slice(0, 7) ?? '-', r.slot ?? '-', r.deployedAt ?? '-', r.deployedBy ?? '-', r.status, r.behind === null ? '-' : String(r.behind)]));
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    return table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/promotion/clock.ts
var clock = __webpack_require__(171);
// EXTERNAL MODULE: ./src/promotion/deploy-command.ts
var deploy_command = __webpack_require__(1462);
;// CONCATENATED MODULE: ./src/actions/shared/run-environment.ts







/** POSIX: the command gets its own process group, so a cancellation ends whatever it started too. */
const GROUP = process.platform !== 'win32';
/** The shell's convention for a process ended by a signal: 128 + its number. */
function signalExitCode(signal) {
    return signal ? 128 + (constants.signals[signal] ?? 0) : 1;
}
/**
 * Runs a configured command without a shell, adding the SLIPWAY_* variables to the step's
 * environment; its output goes straight to the step's log. When `signal` aborts (the run was
 * cancelled) the command, and any process it started, gets SIGTERM and, if still running after
 * COMMAND_KILL_GRACE_MS, SIGKILL; the promise resolves once it has exited.
 */
const actionExec = (program, args, { env, cwd, signal }) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(new CancelledError());
    core.info(`[command]${[program, ...args].join(' ')}`);
    const child = spawn(program, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'inherit', 'inherit'], detached: GROUP, windowsHide: true });
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
        core.info(`Cancelled: stopping '${program}' (pid ${child.pid}) with SIGTERM${COMMAND_KILL_GRACE_MS ? `, then SIGKILL after ${COMMAND_KILL_GRACE_MS / 1000}s` : ''}.`);
        send('SIGTERM');
        killTimer = setTimeout(() => send('SIGKILL'), COMMAND_KILL_GRACE_MS);
    };
    const settle = () => {
        clearTimeout(killTimer);
        signal?.removeEventListener('abort', stop);
    };
    signal?.addEventListener('abort', stop, { once: true });
    child.once('error', (error) => {
        settle();
        reject(new UserError(`Cannot run '${program}': ${error.message}.`));
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

;// CONCATENATED MODULE: ./src/actions/status/main.ts








/** The action, once `readInputs` has accepted every input (see index.ts). */
async function run(inputs) {
    const repo = repoFromEnv();
    const { history, deployedEnvironments } = await readHistoryAndEnvironments(gitHubApi(actionGitHubClient(inputs.token)), repo, inputs.environments);
    // An environment with no deployment yet (production before the first release) belongs in the
    // matrix; when none of them has one, the names (or the repository) are almost surely wrong.
    const empty = neverDeployed(inputs.environments, history);
    if (empty.length === inputs.environments.length)
        throw new errors/* InputError */.dz('environments', noDeployments(inputs.environments, repo, deployedEnvironments));
    if (empty.length > 0)
        lib_core.warning(`${nameList(empty)} ${empty.length === 1 ? 'has' : 'have'} no deployments yet (shown as never deployed); if that is unexpected, check the name in 'environments'.`);
    const rows = statusMatrix(inputs.environments, history);
    setOutputs({ 'matrix': JSON.stringify(rows) });
    const live = rows.filter((r) => r.version).length;
    writeJobSummary([`### 🗺️ ${live} of ${rows.length} environments have a live release`, '', matrixMarkdown(rows), ''].join('\n'));
}
function noDeployments(environments, repo, deployedEnvironments) {
    const given = environments.length === 1 ? `'${environments[0]}' has no deployment` : `none of ${nameList(environments)} has any deployment`;
    return `Input 'environments': ${given} in ${repo.owner}/${repo.name} (${slipwayDeployedTo(deployedEnvironments)}); check the names against the promote steps' 'environment', or run status in the repository that deploys.`;
}


/***/ })

};
