// A stand-in for the GitHub CLI's `gh api`, for running workflow scripts against the GitHub emulator
// (GH_STAND_IN_API_URL). It behaves as `gh api` does where the scripts depend on it:
// - authenticates with GH_TOKEN (or GITHUB_TOKEN), and refuses to run without one, as gh does in Actions;
// - the method is GET, or POST once a field is given (`--method` overrides); `-f` adds string fields,
//   `-F` typed ones (integers, true, false, null);
// - `--jq` filters the JSON answer and prints strings raw; only paths like `.a.b` and `.[0].a` are modelled;
// - an HTTP error prints the answer's body on stdout, `gh: <message> (HTTP <status>)` on stderr, and exits 1
//   (the jq filter is not applied to an error body).
// Anything else it does not model ends with exit code 2, so a script using more of gh fails its test loudly.

function refuse(message, code = 2) {
  process.stderr.write(`gh stand-in: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args[0] !== 'api') refuse(`only "gh api" is modelled, not: gh ${args.join(' ')}`);

let endpoint;
let jq;
let method;
const fields = {};
const typed = (value) =>
  /^-?\d+$/.test(value)
    ? Number(value)
    : value === 'true'
      ? true
      : value === 'false'
        ? false
        : value === 'null'
          ? null
          : value;
for (let i = 1; i < args.length; i++) {
  const arg = args[i];
  const value = () => {
    if (i + 1 >= args.length) refuse(`${arg} needs a value`);
    return args[++i];
  };
  const field = (text, convert) => {
    const equals = text.indexOf('=');
    if (equals < 0) refuse(`field "${text}" requires a value separated by an '=' sign`);
    fields[text.slice(0, equals)] = convert(text.slice(equals + 1));
  };
  if (arg === '--jq' || arg === '-q') jq = value();
  else if (arg === '-X' || arg === '--method') method = value().toUpperCase();
  else if (arg === '-f' || arg === '--raw-field') field(value(), (text) => text);
  else if (arg === '-F' || arg === '--field') field(value(), typed);
  else if (arg.startsWith('-')) refuse(`flag ${arg} is not modelled`);
  else if (endpoint === undefined) endpoint = arg;
  else refuse(`unexpected argument ${arg}`);
}
if (!endpoint) refuse('no endpoint');
if (endpoint === 'graphql') refuse('graphql is not modelled');
if (jq !== undefined && !/^\.$|^\.?(\[\d+\]|\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(jq))
  refuse(`jq filter ${jq} is not modelled`);

const token = process.env.GH_TOKEN || process.env.GITHUB_TOKEN;
if (!token) refuse('gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.', 4);
const base = process.env.GH_STAND_IN_API_URL;
if (!base) refuse('GH_STAND_IN_API_URL is not set');

method ??= Object.keys(fields).length > 0 ? 'POST' : 'GET';
const url = new URL(endpoint.replace(/^\//, ''), `${base.replace(/\/$/, '')}/`);
const headers = {
  'authorization': `token ${token}`,
  'accept': 'application/vnd.github+json',
  'user-agent': 'gh-stand-in',
};
let body;
if (method === 'GET') {
  for (const [key, fieldValue] of Object.entries(fields)) url.searchParams.append(key, String(fieldValue));
} else if (Object.keys(fields).length > 0) {
  body = JSON.stringify(fields);
  headers['content-type'] = 'application/json; charset=utf-8';
}

const response = await fetch(url, { method, headers, body });
const text = await response.text();
const isJson = /[/+]json(;|$)/.test(response.headers.get('content-type') ?? '');
if (response.status >= 400) {
  process.stdout.write(text);
  let message = '';
  try {
    message = isJson ? (JSON.parse(text).message ?? '') : '';
  } catch {
    // not JSON after all
  }
  process.stderr.write(`gh: ${message ? `${message} (HTTP ${response.status})` : `HTTP ${response.status}`}\n`);
  process.exit(1);
}
if (response.status === 204) process.exit(0);
if (jq === undefined) {
  process.stdout.write(text);
} else {
  let result = JSON.parse(text);
  for (const key of jq.split(/[.[\]]/).filter(Boolean))
    result = result === null || typeof result !== 'object' ? null : (result[key] ?? null);
  process.stdout.write(`${typeof result === 'string' ? result : JSON.stringify(result)}\n`);
}
