import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { alreadyGenerated, markGenerated, startGenerating } from './generated-marker.js';
import { pick, seededRandom } from '../../test/support/seeded-random.js';

export interface HistoryShape {
  commits: number;
  /** Merged pull requests: half merge commits (`Merge pull request #N from …`, with a branch), half squash subjects (`… (#N)`). */
  pullRequests: number;
  tags: number;
  /** Commits pushed straight to main, naming no pull request (default: all but the PRs' commits with 2-commit branches); the rest go to the merged branches. */
  directCommits?: number;
}

export interface GeneratedHistory {
  dir: string;
  /** Oldest first; the last one points at the newest commit. */
  tags: string[];
  /** The first commit: `--from <root>` gives the whole history but that one commit. */
  root: string;
}

const PEOPLE = [
  'ada',
  'grace',
  'linus',
  'margaret',
  'ken',
  'dennis',
  'barbara',
  'alan',
  'edsger',
  'donald',
  'frances',
  'john',
  'radia',
  'sophie',
  'tim',
  'guido',
  'brendan',
  'yukihiro',
  'anders',
  'bjarne',
];
const BOTS = ['dependabot[bot]', 'renovate[bot]'];
const AREAS = ['api', 'cli', 'core', 'docs', 'ui', 'auth', 'billing', 'search', 'storage', 'deps'];
const VERBS = ['add', 'support', 'handle', 'remove', 'speed up', 'rework', 'validate', 'document', 'cache', 'log'];
const THINGS = [
  'pagination',
  'retries',
  'timeouts',
  'the config loader',
  'empty input',
  'unicode names',
  'large files',
  'the login flow',
  'exports',
  'webhooks',
];
const TYPES: [string, number][] = [
  ['feat', 30],
  ['fix', 35],
  ['chore', 10],
  ['docs', 8],
  ['refactor', 7],
  ['perf', 3],
  ['test', 5],
  ['', 2],
];

const EPOCH = 1_577_836_800; // 2020-01-01

/** Builds a repository with `git fast-import` (seconds for 20,000 commits); reused when already generated with the same shape. */
export async function generateGitHistory(dir: string, shape: HistoryShape): Promise<GeneratedHistory> {
  const tags = Array.from({ length: shape.tags }, (_, k) => `v1.${k}.0`);
  if (!alreadyGenerated(dir, shape)) {
    startGenerating(dir);
    mkdirSync(dir, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    git('init', '-q', '-b', 'main');
    await fastImport(dir, fastImportStream(shape, tags));
    git('update-ref', '-d', 'refs/heads/topic');
    git('reset', '-q', '--hard', 'main');
    markGenerated(dir, shape);
  }
  const root = execFileSync('git', ['rev-list', '--max-parents=0', 'main'], { cwd: dir, encoding: 'utf8' }).trim();
  return { dir, tags, root };
}

function fastImport(dir: string, stream: string[]): Promise<void> {
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`))));
    child.stdin.end(stream.join(''));
  });
}

/** The fast-import commands for the whole history, as chunks. */
function fastImportStream(shape: HistoryShape, tags: string[]): string[] {
  const random = seededRandom(42);
  const out: string[] = [];
  let mark = 0;
  let made = 0;
  let mainHead = 0;
  let tagged = 0;
  const weighted = TYPES.flatMap(([type, weight]) => Array<string>(weight).fill(type));
  const title = () => {
    const type = pick(random, weighted);
    const text = `${pick(random, VERBS)} ${pick(random, THINGS)}`;
    if (!type) return text.charAt(0).toUpperCase() + text.slice(1);
    const scope = random() < 0.6 ? `(${pick(random, AREAS)})` : '';
    return `${type}${scope}${random() < 0.01 ? '!' : ''}: ${text}`;
  };
  const commit = (
    ref: string,
    message: string,
    from: number,
    merge?: number,
    author = random() < 0.05 ? pick(random, BOTS) : pick(random, PEOPLE),
  ) => {
    mark++;
    made++;
    const when = `${EPOCH + made * 600} +0000`;
    const email = author.endsWith('[bot]')
      ? `${author.replace('[bot]', '')}@users.noreply.github.com`
      : `${author}@example.com`;
    const path = `src/${pick(random, AREAS)}/file-${Math.floor(random() * 50)}.ts`;
    const content = `export const change${made} = ${made};\n`;
    out.push(
      `commit ${ref}\nmark :${mark}\nauthor ${author} <${email}> ${when}\ncommitter ${author} <${email}> ${when}\ndata ${Buffer.byteLength(message)}\n${message}\n`,
      from ? `from :${from}\n` : '',
      merge ? `merge :${merge}\n` : '',
      `M 100644 inline ${path}\ndata ${content.length}\n${content}\n`,
    );
    return mark;
  };
  const onMain = (message: string, merge?: number, author?: string) => {
    mainHead = commit('refs/heads/main', message, mainHead, merge, author);
    // A tag every commits/tags commits (counting branch commits too), the last one on the newest commit.
    while (tagged < tags.length && made >= Math.round(((tagged + 1) * shape.commits) / tags.length)) {
      out.push(
        `tag ${tags[tagged]}\nfrom :${mainHead}\ntagger ada <ada@example.com> ${EPOCH + made * 600} +0000\ndata 12\nRelease tag\n\n`,
      );
      tagged++;
    }
  };
  const direct = shape.directCommits ?? shape.commits - 2 * shape.pullRequests;
  const merges = Math.ceil(shape.pullRequests / 2);
  const branchCommits = shape.commits - direct - shape.pullRequests;
  if (direct < 1 || branchCommits < merges)
    throw new Error('need at least one direct commit and one branch commit per merged branch');
  const share = (total: number, parts: number, i: number) =>
    Math.floor(((i + 1) * total) / parts) - Math.floor((i * total) / parts);
  onMain('chore: initial commit');
  for (let pr = 0; pr < shape.pullRequests; pr++) {
    for (let i = share(direct - 1, shape.pullRequests, pr); i > 0; i--) onMain(title());
    const number = 100 + pr;
    const prTitle = title();
    const author = pick(random, PEOPLE);
    if (pr % 2 === 0) {
      let tip = commit('refs/heads/topic', `${prTitle}\n\nFirst part.`, mainHead, undefined, author);
      for (let i = 1; i < share(branchCommits, merges, pr / 2); i++)
        tip = commit(
          'refs/heads/topic',
          i === 1 ? 'Address review comments' : `Follow-up ${i}`,
          tip,
          undefined,
          author,
        );
      onMain(`Merge pull request #${number} from ${author}/topic-${number}\n\n${prTitle}`, tip, 'grace');
    } else {
      onMain(
        `${prTitle} (#${number})\n\n* ${prTitle}\n\n* Address review comments\n\nCo-authored-by: grace <grace@example.com>`,
        undefined,
        author,
      );
    }
  }
  while (made < shape.commits) onMain(title());
  return out;
}
