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
  /**
   * Instead of `tags` evenly spaced `v1.k.0` tags, tags of several families, as a monorepo with
   * nightly builds has them: see familyTags. `stableEvery` spaces the main family's stable releases
   * (the last one also 2 commits before the newest); `heads` puts branches `at-N` N commits after a
   * stable release, for ranges whose previous tag is found automatically.
   */
  families?: { stableEvery: number; heads: number[] };
}

export interface GeneratedHistory {
  dir: string;
  /** Oldest first; the last one points at the newest commit. */
  tags: string[];
  /** The first commit: `--from <root>` gives the whole history but that one commit. */
  root: string;
  /** With `families`: how many tags there are in all. */
  tagCount: number;
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
  const tagCount = execFileSync('git', ['tag', '--list'], { cwd: dir, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean).length;
  return { dir, tags, root, tagCount };
}

function fastImport(dir: string, stream: string[]): Promise<void> {
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`))));
    child.stdin.end(stream.join(''));
  });
}

/**
 * Tags of a main-branch commit in a history with families, for commit counts `(before, made]` (branch
 * commits are counted too, so a main commit can pass a multiple): a nightly build every 40 commits
 * (`nightly-20200105T0640`, no version), monorepo packages `web/v1.x.y` every 50 and `api@2.x.y`
 * every 70, main-family release candidates `v3.k.0-rc.N` every 150, stable `v3.k.0` every
 * `stableEvery` and 2 commits before the newest.
 */
function familyTags(before: number, made: number, commits: number, stableEvery: number): string[] {
  const passed = (every: number) => Math.floor(made / every) > Math.floor(before / every);
  const n = (every: number) => Math.floor(made / every);
  const names: string[] = [];
  if (passed(40))
    names.push(`nightly-${new Date((EPOCH + made * 600) * 1000).toISOString().replace(/[-:]/g, '').slice(0, 13)}`);
  if (passed(50)) names.push(`web/v1.${Math.floor(n(50) / 10)}.${n(50) % 10}`);
  if (passed(70)) names.push(`api@2.${Math.floor(n(70) / 10)}.${n(70) % 10}`);
  if (passed(150) && !passed(stableEvery) && made < commits - 2) names.push(`v3.${n(stableEvery)}.0-rc.${n(150)}`);
  if (passed(stableEvery) && made < commits - 2) names.push(`v3.${n(stableEvery) - 1}.0`);
  if (before < commits - 2 && made >= commits - 2) names.push(`v3.${n(stableEvery)}.0`);
  return names;
}

/** The fast-import commands for the whole history, as chunks. */
function fastImportStream(shape: HistoryShape, tags: string[]): string[] {
  const random = seededRandom(42);
  const out: string[] = [];
  let mark = 0;
  let made = 0;
  let mainHead = 0;
  let tagged = 0;
  let lastMain = 0;
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
  const tag = (name: string, at: number) =>
    out.push(
      `tag ${name}\nfrom :${at}\ntagger ada <ada@example.com> ${EPOCH + made * 600} +0000\ndata 12\nRelease tag\n\n`,
    );
  const onMain = (message: string, merge?: number, author?: string) => {
    const before = lastMain;
    mainHead = commit('refs/heads/main', message, mainHead, merge, author);
    lastMain = made;
    if (shape.families) {
      const { stableEvery, heads } = shape.families;
      for (const name of familyTags(before, made, shape.commits, stableEvery)) tag(name, mainHead);
      // Branches N commits after the last periodic stable release.
      const lastStable = Math.floor((shape.commits - 3) / stableEvery) * stableEvery;
      for (const n of heads)
        if (before < lastStable + n && made >= lastStable + n)
          out.push(`reset refs/heads/at-${n}\nfrom :${mainHead}\n\n`);
      // A maintenance branch's patch release, never merged: a higher version that is no ancestor of what follows.
      const stable = Math.floor(made / stableEvery);
      if (stable > 0 && before < stable * stableEvery + 100 && made >= stable * stableEvery + 100) {
        const patch = commit('refs/heads/maintenance', 'fix: backport a fix', mainHead);
        tag(`v3.${stable - 1}.1`, patch);
      }
      return;
    }
    // A tag every commits/tags commits (counting branch commits too), the last one on the newest commit.
    while (tagged < tags.length && made >= Math.round(((tagged + 1) * shape.commits) / tags.length)) {
      tag(tags[tagged]!, mainHead);
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
