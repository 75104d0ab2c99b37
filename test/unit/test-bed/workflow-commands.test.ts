import { describe, expect, it } from 'vitest';
import { decodeStepOutput, parseWorkflowCommand } from '../../support/workflow-commands.js';

describe('parseWorkflowCommand', () => {
  it.each([
    ['::error::plain', { command: 'error', properties: {}, message: 'plain' }],
    [
      '::error file=src/a%2Cb.ts,line=3,col=7,title=T%3A x::100%25 broken%0Anext%0Dline',
      {
        command: 'error',
        properties: { file: 'src/a,b.ts', line: '3', col: '7', title: 'T: x' },
        message: '100% broken\nnext\rline',
      },
    ],
    ['::warning file=README.md::look', { command: 'warning', properties: { file: 'README.md' }, message: 'look' }],
    ['::notice title=a=b::n', { command: 'notice', properties: { title: 'a=b' }, message: 'n' }],
    ['  ::add-mask::secret', { command: 'add-mask', properties: {}, message: 'secret' }],
    ['::group::Build', { command: 'group', properties: {}, message: 'Build' }],
    ['::endgroup::', { command: 'endgroup', properties: {}, message: '' }],
    ['::debug::%25%0A', { command: 'debug', properties: {}, message: '%\n' }],
    ['::set-output name=x::v', { command: 'set-output', properties: { name: 'x' }, message: 'v' }],
    [
      '::error file=,line=2::empty property skipped',
      { command: 'error', properties: { line: '2' }, message: 'empty property skipped' },
    ],
  ])('%s', (line, expected) => {
    expect(parseWorkflowCommand(line)).toEqual(expected);
  });

  it.each(['plain text', '::unknown::x', '::error no closing', ':error::x'])('leaves %s as log output', (line) => {
    expect(parseWorkflowCommand(line)).toBeUndefined();
  });
});

describe('decodeStepOutput', () => {
  it('masks values after ::add-mask:: and consumes command lines', () => {
    const decoded = decodeStepOutput('before hunter2\n::add-mask::hunter2\nafter hunter2\n::error::bad hunter2\n');
    expect(decoded.masks).toEqual(['hunter2']);
    expect(decoded.log).toEqual(['before hunter2', 'after ***', '##[error]bad ***']);
    expect(decoded.commands.map((c) => c.command)).toEqual(['add-mask', 'error']);
  });

  it('masks secrets known from the start, like the job token', () => {
    expect(decodeStepOutput('token ghs_abc used\n', { masks: ['ghs_abc'] })).toMatchObject({
      log: ['token *** used'],
      masks: ['ghs_abc'],
    });
  });

  it('ignores commands between ::stop-commands:: and its resume token', () => {
    const decoded = decodeStepOutput('::stop-commands::pause\n::error::not a command\n::pause::\n::error::a command\n');
    expect(decoded.commands.map((c) => `${c.command}:${c.message}`)).toEqual([
      'stop-commands:pause',
      'error:a command',
    ]);
    expect(decoded.log).toEqual(['::error::not a command', '##[error]a command']);
  });

  it('shows debug lines only with debug logging', () => {
    expect(decodeStepOutput('::debug::detail\n').log).toEqual([]);
    expect(decodeStepOutput('::debug::detail\n', { debug: true }).log).toEqual(['##[debug]detail']);
  });
});
