import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAndExtract } from '../../../src/packaging/extract.js';
import { UserError } from '../../../src/runtime/errors.js';
import { craftTarGz, craftZip, type Member, sha256, snapshot } from './craft-archive.js';

/**
 * Hostile archives given to verifyAndExtract (what promote and rollback extract with): each is
 * refused with a one-line UserError, and the arena around the target — its parent, its
 * grandparent, sentinel files and the places each escape aims at — is left exactly as it was.
 */
const scratch = mkdtempSync(join(tmpdir(), 'slipway-hostile-archives-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let arenas = 0;
/** root/{sentinel.txt, deep/{sibling.txt, target (not yet created)}} */
function arena(): { root: string; target: string } {
  const root = join(scratch, `arena-${++arenas}`);
  mkdirSync(join(root, 'deep'), { recursive: true });
  writeFileSync(join(root, 'sentinel.txt'), 'keep me');
  writeFileSync(join(root, 'deep', 'sibling.txt'), 'keep me too');
  return { root, target: join(root, 'deep', 'target') };
}

const ABSOLUTE_ESCAPE = join(tmpdir(), `slipway-absolute-escape-${process.pid}.txt`);

type Case = { name: string; members: (root: string) => Member[]; reason: RegExp; formats?: Array<'tar.gz' | 'zip'> };
const CASES: Case[] = [
  {
    name: "a '../' path",
    members: () => [
      { name: 'ok.txt', body: 'fine' },
      { name: '../escaped.txt', body: 'pwned' },
    ],
    reason: /'\.\.' segment/,
  },
  {
    name: "a '../../' path behind a directory",
    members: () => [{ name: 'a/b/../../../../escaped.txt', body: 'pwned' }],
    reason: /'\.\.' segment/,
  },
  {
    name: 'an absolute path into the parent',
    members: (root) => [{ name: `${root}/deep/escaped.txt`, body: 'pwned' }],
    reason: /absolute path/,
  },
  {
    name: 'an absolute path under /tmp',
    members: () => [{ name: ABSOLUTE_ESCAPE, body: 'pwned' }],
    reason: /absolute path/,
  },
  {
    name: 'a backslash path (Windows-style ..\\)',
    members: () => [{ name: '..\\escaped.txt', body: 'pwned' }],
    reason: /backslash|'\.\.' segment/,
  },
  {
    name: 'a symlink to the parent, then a file written through it',
    members: () => [
      { name: 'up', type: 'symlink', linkname: '..' },
      { name: 'up/escaped.txt', body: 'pwned' },
    ],
    reason: /outside the target/,
  },
  {
    name: 'an absolute symlink, then a file written through it',
    members: (root) => [
      { name: 'abs', type: 'symlink', linkname: root },
      { name: 'abs/escaped.txt', body: 'pwned' },
    ],
    reason: /outside the target/,
  },
  {
    name: 'a symlink to a sentinel, then a file of the same name (write through the link)',
    members: () => [
      { name: 'sentinel.txt', type: 'symlink', linkname: '../../sentinel.txt' },
      { name: 'sentinel.txt', body: 'overwritten' },
    ],
    reason: /outside the target/,
  },
  {
    name: 'an inside symlink, then a file of the same name',
    members: () => [
      { name: 'real.txt', body: 'real' },
      { name: 'alias', type: 'symlink', linkname: 'real.txt' },
      { name: 'alias', body: 'overwritten' },
    ],
    reason: /would overwrite/,
  },
  {
    name: 'an inside directory symlink, then a file under it',
    members: () => [
      { name: 'dir/', type: 'directory' },
      { name: 'alias', type: 'symlink', linkname: 'dir' },
      { name: 'alias/file.txt', body: 'x' },
    ],
    reason: /through the symlink/,
  },
  {
    name: 'a chain of symlinks each inside on paper but leading out (sub/up -> .., sub/up2 -> up/..)',
    members: () => [
      { name: 'sub/', type: 'directory' },
      { name: 'sub/up', type: 'symlink', linkname: '..' },
      { name: 'sub/up2', type: 'symlink', linkname: 'up/..' },
    ],
    reason: /leads outside the target directory through other symlinks/,
  },
  {
    name: 'the same chain, then a file written through it',
    members: () => [
      { name: 'sub/', type: 'directory' },
      { name: 'sub/up', type: 'symlink', linkname: '..' },
      { name: 'sub/up2', type: 'symlink', linkname: 'up/..' },
      { name: 'sub/up2/escaped.txt', body: 'pwned' },
    ],
    reason: /through the symlink/,
  },
  {
    name: 'a hard link to /etc/passwd',
    members: () => [{ name: 'passwd', type: 'link', linkname: '/etc/passwd' }],
    reason: /hard link/,
    formats: ['tar.gz'],
  },
  {
    name: 'a character device',
    members: () => [{ name: 'null', type: 'character-device' }],
    reason: /character-device|device/,
  },
  { name: 'a block device', members: () => [{ name: 'sda', type: 'block-device' }], reason: /block-device|device/ },
  { name: 'a FIFO', members: () => [{ name: 'pipe', type: 'fifo' }], reason: /fifo|FIFO/ },
  {
    name: 'a duplicate file (second copy overwriting the first)',
    members: () => [
      { name: 'app.js', body: 'good' },
      { name: 'app.js', body: 'evil' },
    ],
    reason: /would overwrite/,
  },
];

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown, 'the archive must be refused').toBeInstanceOf(UserError);
  expect((thrown as Error).message).not.toContain('\n');
  return thrown as UserError;
}

for (const format of ['tar.gz', 'zip'] as const) {
  describe(`a hostile ${format}`, () => {
    it.each(CASES.filter((c) => !c.formats || c.formats.includes(format)))(
      'is refused: $name; nothing is left in or around the target',
      async ({ members, reason }) => {
        const { root, target } = arena();
        const bytes = format === 'zip' ? await craftZip(members(root)) : await craftTarGz(members(root));
        const file = join(scratch, `hostile-${arenas}.${format}`);
        writeFileSync(file, bytes);
        const before = snapshot(root);
        const error = await refusal(verifyAndExtract({ file, expectedDigest: sha256(bytes), targetDir: target }));
        expect(error.message).toMatch(reason);
        expect(error.message).toContain(file);
        // The target did not exist: undoing the partial extraction removes it too, and nothing else changed.
        expect(snapshot(root)).toEqual(before);
        expect(existsSync(ABSOLUTE_ESCAPE)).toBe(false);
      },
    );
  });
}

describe('the digest is checked before anything is extracted', () => {
  it('a digest mismatch is refused and the target is never created', async () => {
    const { root, target } = arena();
    const bytes = await craftTarGz([{ name: 'app.js', body: 'tampered' }]);
    const file = join(scratch, 'tampered.tar.gz');
    writeFileSync(file, bytes);
    const expected = sha256(await craftTarGz([{ name: 'app.js', body: 'original' }]));
    const before = snapshot(root);
    const error = await refusal(verifyAndExtract({ file, expectedDigest: expected, targetDir: target }));
    expect(error.message).toMatch(/does not match its digest/);
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(target)).toBe(false);
  });

  it('into an existing target, a refused archive leaves what was there untouched', async () => {
    const { root, target } = arena();
    mkdirSync(target);
    writeFileSync(join(target, 'previous.txt'), 'previous release');
    const bytes = await craftTarGz([
      { name: 'new.txt', body: 'new' },
      { name: 'previous.txt', body: 'overwrite' },
    ]);
    const file = join(scratch, 'overwrite.tar.gz');
    writeFileSync(file, bytes);
    const before = snapshot(root);
    await refusal(verifyAndExtract({ file, expectedDigest: sha256(bytes), targetDir: target }));
    expect(snapshot(root)).toEqual(before);
  });

  it('a safe archive with inside symlinks is still extracted (the guards are not blanket refusals)', async () => {
    const { root, target } = arena();
    const members: Member[] = [
      { name: 'dir/', type: 'directory' },
      { name: 'dir/a.txt', body: 'a' },
      { name: 'link', type: 'symlink', linkname: 'dir/a.txt' },
      { name: 'dir/up', type: 'symlink', linkname: '../link' },
    ];
    for (const [format, bytes] of [
      ['tar.gz', await craftTarGz(members)],
      ['zip', await craftZip(members)],
    ] as const) {
      const file = join(scratch, `safe.${format}`);
      writeFileSync(file, bytes);
      const into = `${target}-${format.replace('.', '')}`;
      expect(await verifyAndExtract({ file, expectedDigest: sha256(bytes), targetDir: into })).toEqual({
        digest: sha256(bytes),
        files: 1,
      });
      expect(snapshot(into)).toMatchObject({
        'dir/a.txt': expect.stringMatching(/^file/),
        'link': 'link -> dir/a.txt',
        'dir/up': 'link -> ../link',
      });
    }
    expect(Object.keys(snapshot(root)).filter((path) => !path.startsWith('deep/target-'))).toEqual([
      'deep',
      'deep/sibling.txt',
      'sentinel.txt',
    ]);
  });
});
