export const id = 149;
export const ids = [149];
export const modules = {

/***/ 7149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  graphqlUrlFor: () => (/* binding */ graphqlUrlFor),
  runStatus: () => (/* binding */ runStatus)
});

// EXTERNAL MODULE: ./src/runtime/errors.ts
var errors = __webpack_require__(9541);
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
    return markdownTable(['Environment', 'Version', 'Digest', 'Commit', 'Slot', 'Deployed at', 'By', 'Status', 'URL', 'Behind'], rows.map((r) => [r.environment, r.version ?? '—', r.digest ? shortDigest(r.digest) : '—', r.commit?.slice(0, 7) ?? '—', r.slot ?? '—', r.deployedAt ?? '—', r.deployedBy ?? '—', statusText(r), r.url ?? '—', behind(r)]));
}
/** Plain text for the terminal: one aligned line per environment. */
function matrixText(rows) {
    const table = [['ENVIRONMENT', 'VERSION', 'DIGEST', 'COMMIT', 'SLOT', 'DEPLOYED', 'BY', 'STATUS', 'BEHIND']].concat(rows.map((r) => [r.environment, r.version ?? '-', r.digest ? history_shortDigest(r.digest) : '-', r.commit?.slice(0, 7) ?? '-', r.slot ?? '-', r.deployedAt ?? '-', r.deployedBy ?? '-', r.status, r.behind === null ? '-' : String(r.behind)]));
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    return table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

;// CONCATENATED MODULE: ./src/cli/run/status.ts





/** GitHub's GraphQL endpoint beside a REST root: api.github.com/graphql, or <host>/api/graphql on GitHub Enterprise Server. */
function graphqlUrlFor(apiUrl) {
    const root = apiUrl.replace(/\/+$/, '');
    return /\/api\/v3$/.test(root) ? root.replace(/\/v3$/, '/graphql') : `${root}/graphql`;
}
/** `slipway status`: the environment × version matrix from GitHub Deployments. */
async function runStatus(environments, options) {
    const token = process.env.GITHUB_TOKEN;
    if (!token)
        throw new errors/* UserError */.yo('GITHUB_TOKEN is not set; export a token that can read deployments.');
    const repository = options.repo ?? process.env.GITHUB_REPOSITORY;
    if (!repository)
        throw new errors/* UserError */.yo('No repository: pass --repo owner/name or set GITHUB_REPOSITORY.');
    let repo;
    try {
        repo = parseRepo(repository);
    }
    catch {
        throw new errors/* UserError */.yo(`--repo must be owner/name; got ${JSON.stringify(repository)}.`);
    }
    const apiUrl = options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
    const client = createGitHubClient({ token, apiUrl, graphqlUrl: options.apiUrl ? graphqlUrlFor(apiUrl) : (process.env.GITHUB_GRAPHQL_URL ?? graphqlUrlFor(apiUrl)) });
    const list = environments.flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
    const rows = statusMatrix(list, await readHistory(gitHubApi(client), repo, list));
    process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${matrixText(rows)}\n`);
}


/***/ })

};
