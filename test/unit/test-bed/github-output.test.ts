import { describe, expect, it } from 'vitest';
import { FileCommandError, parseKeyValueFile, parsePathFile } from '../../support/github-output.js';

describe('parseKeyValueFile', () => {
  it('reads name=value lines, keeping further = signs in the value', () => {
    expect(parseKeyValueFile('a=1\nb=x=y\n\nempty=\n')).toEqual({ a: '1', b: 'x=y', empty: '' });
  });

  it('reads the heredoc form @actions/core writes', () => {
    const content =
      'notes<<ghadelimiter_5c7e1f2a-6d3b-4f0e-9a1c-2b8d7e6f5a4c\n## Changes\n\n- a=b\nlast\nghadelimiter_5c7e1f2a-6d3b-4f0e-9a1c-2b8d7e6f5a4c\nnext=1\n';
    expect(parseKeyValueFile(content)).toEqual({ notes: '## Changes\n\n- a=b\nlast', next: '1' });
  });

  it('keeps CRLF inside a heredoc value and accepts CRLF line ends', () => {
    expect(parseKeyValueFile('v<<EOF\r\none\r\ntwo\r\nEOF\r\nw=2\r\n')).toEqual({ v: 'one\r\ntwo', w: '2' });
  });

  it('reads an empty heredoc value and lets a later value win', () => {
    expect(parseKeyValueFile('v<<EOF\nEOF\nv=again\n')).toEqual({ v: 'again' });
    expect(parseKeyValueFile('v<<EOF\nEOF\n')).toEqual({ v: '' });
  });

  it('uses whichever of = and << comes first', () => {
    expect(parseKeyValueFile('a=b<<c\n')).toEqual({ a: 'b<<c' });
    expect(parseKeyValueFile('a<<=\nx\n=\n')).toEqual({ a: 'x' });
  });

  it.each([
    ['v<<EOF\nnever closed\n', "Matching delimiter not found 'EOF'"],
    ['=value\n', 'Name must not be empty'],
    ['<<EOF\nx\nEOF\n', 'Name must not be empty and delimiter must not be empty'],
    ['just text\n', "Invalid format 'just text'"],
  ])('fails like the runner on %j', (content, message) => {
    expect(() => parseKeyValueFile(content)).toThrow(FileCommandError);
    expect(() => parseKeyValueFile(content)).toThrow(message);
  });
});

describe('parsePathFile', () => {
  it('lists one directory per non-empty line', () => {
    expect(parsePathFile('/opt/a\n\n/opt/b \r\n')).toEqual(['/opt/a', '/opt/b']);
  });
});
