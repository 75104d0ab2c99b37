import { open } from 'node:fs/promises';
import { UserError } from '../../runtime/errors.js';
import type { ReportFormat } from '../test-results.js';

/** Enough of a file to get past an XML prolog with a long licence comment. */
const SNIFF_BYTES = 64 * 1024;

const XML_ROOTS: Record<string, ReportFormat> = {
  'testsuites': 'junit',
  'testsuite': 'junit',
  'TestRun': 'trx',
  'test-run': 'nunit',
  'coverage': 'cobertura',
};

/** Reads the first bytes of a file as text, without a byte-order mark. */
export async function readHead(file: string, bytes = SNIFF_BYTES): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

/** `line:column` (1-based) of an index in text. */
export function positionOf(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return `${line}:${index - before.lastIndexOf('\n')}`;
}

/**
 * Refuses XML whose DOCTYPE has an internal subset: its entity declarations could read local files (XXE)
 * or expand without bound. A bare `<!DOCTYPE coverage SYSTEM "...dtd">` (istanbul's Cobertura) declares
 * nothing and is read safely: no DTD is ever fetched, and an undeclared entity is an error.
 */
export function refuseDoctype(file: string, position: string): never {
  throw new UserError(
    `${file}:${position}: has a DOCTYPE with entity declarations, which a test report never needs; it is refused so that no entity is expanded (XXE, "billion laughs"). Remove the DOCTYPE.`,
  );
}

/** Whether a DOCTYPE (from `<!DOCTYPE` on) declares anything: an internal subset in brackets. */
export function doctypeDeclares(doctype: string): boolean {
  const end = doctype.search(/[[>]/);
  return end !== -1 && doctype[end] === '[';
}

/** Detects a report's format from its content, never its name. */
export function detectFormat(file: string, head: string): ReportFormat {
  const text = head.trimStart();
  if (text.startsWith('<')) return detectXml(file, head);
  if (text.startsWith('{') || text.startsWith('[')) {
    const json = detectJson(text);
    if (json) return json;
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^(TAP version \d+|1\.\.\d+|(not )?ok\b|# Subtest:)/.test(firstLine)) return 'tap';
  if (/^(TN|SF):/.test(firstLine)) return 'lcov';
  if (text === '')
    throw new UserError(`${file}: is empty, so it is not a test report. Check that the test step wrote it completely.`);
  // Never quote the content: a path that reached a secret (a symlink, a mistyped glob) must not print it.
  throw new UserError(
    `${file}:1:1: is not a test report this gate reads (JUnit XML, TRX, NUnit 3, TAP, go test -json, mocha/RSpec/Dart JSON, LCOV or Cobertura).`,
  );
}

function detectXml(file: string, head: string): ReportFormat {
  const withoutComments = head.replace(/<!--[\s\S]*?(-->|$)/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const doctype = /<!DOCTYPE/i.exec(withoutComments);
  const root = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(withoutComments);
  if (doctype && (!root || doctype.index < root.index) && doctypeDeclares(withoutComments.slice(doctype.index)))
    refuseDoctype(file, positionOf(head, doctype.index));
  if (!root && Buffer.byteLength(head) >= SNIFF_BYTES - 4) throw new RootBeyondHead();
  return formatOfRoot(file, root?.[2], root ? positionOf(head, root.index) : '1:1');
}

/** The prolog (comments, a licence header) is longer than the sniffed head: the root must be streamed to. */
export class RootBeyondHead extends Error {}

/** The format an XML root element stands for, or a one-line refusal. */
export function formatOfRoot(file: string, root: string | undefined, where: string): ReportFormat {
  const format = root ? XML_ROOTS[root] : undefined;
  if (format) return format;
  const found = root ? `its root element is <${root}>` : 'no root element was found';
  throw new UserError(
    `${file}:${where}: is XML but not a test report: ${found}; expected <testsuites>, <testsuite>, <TestRun>, <test-run> or <coverage>.`,
  );
}

function detectJson(text: string): ReportFormat | undefined {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  try {
    const event: unknown = JSON.parse(firstLine);
    if (event && typeof event === 'object' && !Array.isArray(event)) {
      if ('Action' in event) return 'go-test-json';
      if ('protocolVersion' in event || ('type' in event && 'time' in event)) return 'dart-json';
    }
  } catch {
    // not one event per line (a whole-document report), or a first event longer than the head read
    if (/^\{"(Time|Action)":/.test(firstLine)) return 'go-test-json';
  }
  const firstKey = /^\{\s*"([^"]+)"/.exec(text)?.[1];
  if (firstKey === 'stats') return 'mocha-json';
  if (firstKey === 'version' && /"examples"\s*:/.test(text)) return 'rspec-json';
  if (/"examples"\s*:/.test(text) && /"full_description"|"summary_line"|"example_count"/.test(text))
    return 'rspec-json';
  if (/"stats"\s*:/.test(text) && /"passes"|"pending"|"failures"/.test(text)) return 'mocha-json';
  return undefined;
}
