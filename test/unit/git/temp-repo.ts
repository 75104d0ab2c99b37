import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Person {
  name: string;
  email: string;
}

export const people = {
  alice: { name: 'Alice', email: 'alice@example.com' },
  bob: { name: 'Bob', email: 'bob@example.com' },
  carol: { name: 'Carol', email: 'carol@example.com' },
  dave: { name: 'Dave', email: 'dave@example.com' },
  dependabot: { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
} satisfies Record<string, Person>;

/** A real git repository in a temporary directory, with deterministic dates. */
export class TempRepo {
  private clock = 1_700_000_000;

  constructor(readonly dir: string) {}

  static create(prefix = 'slipway-git-'): TempRepo {
    const repo = new TempRepo(mkdtempSync(path.join(tmpdir(), prefix)));
    repo.git('init', '-q', '-b', 'main');
    // What `git config commit.gpgsign false` and `git config tag.gpgsign false` write, without two more processes;
    // and no `git maintenance run --auto` after each commit, merge and revert (a process each, for a small repository).
    appendFileSync(
      path.join(repo.dir, '.git/config'),
      '[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n[maintenance]\n\tauto = false\n',
    );
    repo.clock += 120; // the dates (and so the commit ids) stay those of one git call each
    return repo;
  }

  /** An independent copy in a new temporary directory, its clock where this one's is: the same commits come next. */
  copy(prefix = 'slipway-git-'): TempRepo {
    const copy = new TempRepo(mkdtempSync(path.join(tmpdir(), prefix)));
    cpSync(this.dir, copy.dir, { recursive: true, verbatimSymlinks: true });
    copy.clock = this.clock;
    return copy;
  }

  git(...args: string[]): string {
    const date = `${(this.clock += 60)} +0000`;
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_AUTHOR_NAME: 'Alice',
        GIT_AUTHOR_EMAIL: 'alice@example.com',
        GIT_COMMITTER_NAME: 'Alice',
        GIT_COMMITTER_EMAIL: 'alice@example.com',
      },
    });
  }

  /** Writes `files` (default: one file named after the message) and commits them as `author`. */
  commit(message: string, author: Person = people.alice, files?: Record<string, string>): string {
    const written = files ?? {
      [`changes/${message.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}-${this.clock}.txt`]: message,
    };
    for (const [file, content] of Object.entries(written)) {
      mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
      writeFileSync(path.join(this.dir, file), content);
    }
    this.clock += 60 * (Object.keys(written).length - 1); // dates as if each file were added on its own
    this.git('add', '--', ...Object.keys(written));
    this.git('commit', '-q', '--author', `${author.name} <${author.email}>`, '-m', message);
    return this.head();
  }

  /** The commit `ref` names; HEAD is read from .git, as git would, since fixtures ask for it after every commit. */
  head(ref = 'HEAD'): string {
    return ref === 'HEAD' ? this.headFromFiles() : this.git('rev-parse', ref).trim();
  }

  private headFromFiles(): string {
    this.clock += 60; // as the rev-parse this replaces did
    const head = readFileSync(path.join(this.dir, '.git/HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const loose = path.join(this.dir, '.git', head.slice('ref: '.length));
    return existsSync(loose) ? readFileSync(loose, 'utf8').trim() : this.git('rev-parse', 'HEAD').trim();
  }

  tag(name: string, annotated = false, ref = 'HEAD'): void {
    if (annotated) this.git('tag', '-a', name, '-m', `Release ${name}`, ref);
    else this.git('tag', name, ref);
  }

  /** A GitHub "Create a merge commit" merge of `branch` into the current branch. */
  mergePullRequest(number: number, branch: string, title: string): string {
    this.git('merge', '--no-ff', '-q', '-m', `Merge pull request #${number} from octo/${branch}`, '-m', title, branch);
    return this.head();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
