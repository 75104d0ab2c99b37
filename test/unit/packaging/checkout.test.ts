import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitTime, gitIdentity, headCommit } from '../../../src/packaging/checkout.js';
import { TempRepo } from '../git/temp-repo.js';

const repo = TempRepo.create('slipway-checkout-');
const head = repo.commit('first', undefined, { 'a.txt': 'a' });
const outside = mkdtempSync(path.join(tmpdir(), 'slipway-no-repo-'));

afterAll(() => {
  repo.remove();
  rmSync(outside, { recursive: true, force: true });
});

describe('what packaging reads from the checkout, through the one git runner', () => {
  it('reads the head commit, its committer time and the configured identity', async () => {
    repo.git('config', 'user.name', 'Dana Packager');
    repo.git('config', 'user.email', 'dana@example.com');
    expect(await headCommit(repo.dir)).toBe(head);
    expect(await commitTime(repo.dir)).toBe(Number(repo.git('show', '-s', '--format=%ct', 'HEAD').trim()));
    expect(await gitIdentity(repo.dir)).toBe('Dana Packager <dana@example.com>');
  });

  it('answers undefined where git has no answer, instead of failing', async () => {
    expect(await headCommit(outside)).toBeUndefined();
    expect(await commitTime(outside)).toBeUndefined();
    expect(await commitTime(repo.dir, 'no-such-rev')).toBeUndefined();
  });
});
