import { people, TempRepo } from '../git/temp-repo.js';

/**
 * A repository with every way GitHub merges: a squash merge (#1), a merge commit (#2), a rebase
 * merge of two commits with no number (#3), a plain revert, a bot's squash (#4), a breaking change
 * in a monorepo package (#5), prerelease and stable tags, a backport tag on a release branch that
 * is not an ancestor, and a second tag prefix (`api/v`) in the same repository.
 */
export interface SampleHistory {
  repo: TempRepo;
  rebaseCommits: string[];
  revertCommit: string;
}

let template: SampleHistory | undefined;

/** A fresh copy of the sample history; it is built with git once per test file and copied after that. */
export function sampleHistory(): SampleHistory {
  if (!template) {
    const built = buildSampleHistory();
    process.once('exit', () => built.repo.remove());
    template = built;
  }
  return { ...template, rebaseCommits: [...template.rebaseCommits], repo: template.repo.copy() };
}

function buildSampleHistory(): SampleHistory {
  const repo = TempRepo.create();
  repo.commit('chore: initial commit', people.alice, { 'README.md': '# app\n' });
  repo.tag('v1.0.0', true);
  repo.tag('api/v1.0.0');

  repo.git('checkout', '-q', '-b', 'release-1.0');
  repo.commit('fix: backport a fix (#90)', people.alice);
  repo.tag('v1.0.1');
  repo.git('checkout', '-q', 'main');

  const login = repo.commit('feat: add login (#1)', people.bob, { 'src/login.ts': 'export {}\n' });

  repo.git('checkout', '-q', '-b', 'fix-crash');
  repo.commit('fix crash on empty input', people.carol, { 'src/parse.ts': 'parse\n' });
  repo.commit('add a test', people.carol, { 'test/parse.test.ts': 'test\n' });
  repo.git('checkout', '-q', 'main');
  repo.mergePullRequest(2, 'fix-crash', 'fix: crash on empty input');

  const rebaseCommits = [
    repo.commit('perf: cache the parser', people.dave, { 'src/cache.ts': '1\n' }),
    repo.commit('perf: reuse buffers', people.dave, { 'src/buffers.ts': '1\n' }),
  ];
  repo.tag('v1.1.0-rc.1', true);

  repo.git('revert', '--no-edit', login);
  const revertCommit = repo.head();
  repo.commit('build(deps): bump yaml from 2.8.0 to 2.9.0 (#4)', people.dependabot, { 'package.json': '{}\n' });
  repo.commit('feat(api)!: drop the v1 endpoints (#5)', people.bob, { 'packages/api/index.ts': 'v2\n' });
  repo.tag('api/v2.0.0');
  repo.commit('docs: describe login (#6)', people.carol, { 'docs/login.md': 'login\n' });
  repo.tag('v1.1.0', true);
  return { repo, rebaseCommits: [...rebaseCommits].reverse(), revertCommit };
}
