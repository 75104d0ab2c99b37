/**
 * Workflow commands (`::name key=value,...::data`) decoded the way the runner's
 * ActionCommand.TryParseV2 does: leading whitespace ignored, only registered command names,
 * properties split on `,` then the first `=`, and the runner's escapes undone.
 */

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Commands the runner recognises; any other `::x::` line is plain log output. */
const REGISTERED_COMMANDS = new Set([
  'set-output',
  'save-state',
  'set-env',
  'add-path',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]);

const DATA_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const PROPERTY_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];

function unescape(value: string, escapes: Array<[string, string]>): string {
  return escapes.reduce((text, [escaped, plain]) => text.split(escaped).join(plain), value);
}

/** One line of step output as a command, or undefined when the runner would just log it. */
export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const text = line.trimStart();
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!REGISTERED_COMMANDS.has(command)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')) {
      const equals = pair.indexOf('=');
      if (equals <= 0 || equals === pair.length - 1) continue;
      properties[pair.slice(0, equals)] = unescape(pair.slice(equals + 1), PROPERTY_ESCAPES);
    }
  }
  return { command, properties, message: unescape(text.slice(end + 2), DATA_ESCAPES) };
}

export interface DecodedLog {
  commands: WorkflowCommand[];
  /** The log as the runner shows it: command lines consumed, masked values replaced by `***`. */
  log: string[];
  masks: string[];
}

/**
 * Decodes a whole step's stdout. Honours `::stop-commands::<token>` (commands are plain text until
 * `::<token>::`), masks every `::add-mask::` value in the lines that follow it, and shows
 * `::debug::` lines only when step debug logging is on, as the runner does. `masks` are secrets the
 * runner knows from the start (the job's token).
 */
export function decodeStepOutput(stdout: string, { debug = false, masks: known = [] as string[] } = {}): DecodedLog {
  const commands: WorkflowCommand[] = [];
  const log: string[] = [];
  const masks = known.filter((secret) => secret !== '');
  let resumeToken: string | undefined;
  const lines = stdout.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    if (resumeToken !== undefined) {
      if (line.trim() === `::${resumeToken}::`) resumeToken = undefined;
      else log.push(mask(line, masks));
      continue;
    }
    const command = parseWorkflowCommand(line);
    if (!command) {
      log.push(mask(line, masks));
      continue;
    }
    commands.push(command);
    if (command.command === 'add-mask' && command.message !== '') masks.push(command.message);
    if (command.command === 'stop-commands' && command.message !== '') resumeToken = command.message;
    const shown = displayedLine(command);
    if (shown !== undefined && (command.command !== 'debug' || debug)) log.push(mask(shown, masks));
  }
  return { commands, log, masks };
}

/** What the runner prints for a command, following its `##[...]` log markers. */
function displayedLine({ command, message }: WorkflowCommand): string | undefined {
  switch (command) {
    case 'error':
    case 'warning':
    case 'notice':
    case 'debug':
    case 'group':
    case 'endgroup':
      return `##[${command}]${message}`;
    default:
      return undefined;
  }
}

function mask(line: string, masks: string[]): string {
  return masks.reduce((text, secret) => text.split(secret).join('***'), line);
}
