import { UserError } from '../../runtime/errors.js';
import { CappedText, capText, firstLine } from '../io/capped-text.js';
import {
  DETAILS_CAP,
  MESSAGE_CAP,
  type TestSink,
  type TestStatus,
  DEFAULT_LIMITS,
  type ParseLimits,
} from '../test-results.js';
import { forEachLine } from '../io/line-stream.js';
import { locationFromText } from '../output/source-location.js';

const POINT = /^(not )?ok\b(?:\s+(\d+))?(?:\s*-)?\s*(.*)$/;
const DIRECTIVE = /\s+#\s*(SKIP|TODO)\b\S*\s*(.*)$/i;

interface Point {
  indent: number;
  ok: boolean;
  name: string;
  directive?: string;
  reason?: string;
  suite: string;
  yaml?: CappedText;
  yamlIndent?: number;
  isParent: boolean;
  childFailed: boolean;
}

const yamlValue = (yaml: string, key: string) => {
  const match = new RegExp(`^\\s*${key}:\\s*(.*)$`, 'm').exec(yaml);
  if (!match?.[1]) return undefined;
  const value = match[1].trim();
  if (!/^[|>]/.test(value)) return value.replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
  const after = yaml.slice(match.index + match[0].length + 1).split('\n');
  const indent = /^\s*/.exec(after[0] ?? '')?.[0].length ?? 0;
  const block = [];
  for (const line of after) {
    if (line.trim() && (/^\s*/.exec(line)?.[0].length ?? 0) < indent) break;
    block.push(line.slice(indent));
  }
  return block.join('\n').trim();
};

/**
 * TAP 13 and 14, line by line: nested subtests (indented by four), YAML diagnostics, SKIP and TODO
 * directives (both count as skipped), `Bail out!`. A parent test point counts only when it fails
 * without a failing child; node's `type: 'suite'` points are never tests.
 */
export async function parseTap(file: string, sink: TestSink, limits: ParseLimits = DEFAULT_LIMITS): Promise<void> {
  const subtestNames: string[] = [];
  const levelHasChildren = new Map<number, { any: boolean; failed: boolean }>();
  let pending: Point | undefined;
  let topPlan: number | undefined;
  let topPoints = 0;
  let bailedOut = false;

  const flush = () => {
    if (!pending) return;
    const point = pending;
    pending = undefined;
    const yaml = point.yaml?.toString() ?? '';
    if (point.indent === 0) topPoints += 1;
    const isSuite = /^\s*type:\s*'?suite'?\s*$/m.test(yaml);
    const skipped = point.directive !== undefined;
    const failed = !point.ok && !skipped;
    const here = levelHasChildren.get(point.indent) ?? { any: false, failed: false };
    levelHasChildren.set(point.indent, { any: true, failed: here.failed || failed });
    if ((point.isParent || isSuite) && !(failed && !point.childFailed)) return;
    const status: TestStatus = skipped
      ? 'skipped'
      : point.ok
        ? 'passed'
        : point.isParent || isSuite
          ? 'errored'
          : 'failed';
    const error = yamlValue(yaml, 'error') ?? yamlValue(yaml, 'message');
    const location = yamlValue(yaml, 'location') ?? yamlValue(yaml, 'at');
    const yamlFile = yamlValue(yaml, 'file');
    const line = Number(yamlValue(yaml, 'line'));
    const fromText =
      locationFromText(location) ??
      (yamlFile && line > 0 ? { file: yamlFile, line } : undefined) ??
      locationFromText(yamlValue(yaml, 'stack'));
    const message = skipped ? point.reason || point.directive : error;
    sink({
      id: point.suite ? `${point.suite} > ${point.name}` : point.name,
      name: point.name,
      suite: point.suite || '(root)',
      status,
      message: status === 'passed' ? undefined : capText(message ?? firstLine(yaml), MESSAGE_CAP),
      details: status === 'failed' || status === 'errored' ? capText(yaml, DETAILS_CAP) : undefined,
      ...(status === 'failed' || status === 'errored' ? fromText : undefined),
      durationMs: Number(yamlValue(yaml, 'duration_ms')) || undefined,
    });
  };

  const lines = await forEachLine(file, limits, (raw) => {
    const indent = /^ */.exec(raw)?.[0].length ?? 0;
    const line = raw.slice(indent);
    if (pending?.yaml && pending.yamlIndent !== undefined) {
      if (line === '...' && indent === pending.yamlIndent) {
        pending.yamlIndent = undefined;
        return;
      }
      if (indent >= pending.yamlIndent || !line) {
        pending.yaml.add(`${raw.slice(pending.yamlIndent)}\n`);
        return;
      }
    }
    if (pending && line === '---' && indent > pending.indent && !pending.yaml) {
      pending.yaml = new CappedText(DETAILS_CAP);
      pending.yamlIndent = indent;
      return;
    }
    const point = POINT.exec(line);
    if (point) {
      flush();
      let name = point[3] ?? '';
      const directive = DIRECTIVE.exec(name);
      if (directive) name = name.slice(0, directive.index);
      const children = levelHasChildren.get(indent + 4);
      for (const level of [...levelHasChildren.keys()]) if (level > indent) levelHasChildren.delete(level);
      subtestNames.length = Math.min(subtestNames.length, indent / 4 + 1);
      pending = {
        indent,
        ok: !point[1],
        name: name.trim(),
        directive: directive?.[1]?.toUpperCase(),
        reason: directive?.[2]?.trim(),
        suite: subtestNames.slice(0, Math.floor(indent / 4)).join(' > '),
        isParent: !!children?.any,
        childFailed: !!children?.failed,
      };
      return;
    }
    flush();
    const subtest = /^# Subtest: (.*)$/.exec(line);
    if (subtest) subtestNames[Math.floor(indent / 4)] = subtest[1] ?? '';
    const plan = /^1\.\.(\d+)/.exec(line);
    if (plan && indent === 0) topPlan = Number(plan[1]);
    if (/^Bail out!/.test(line)) {
      bailedOut = true;
      sink({ id: 'Bail out!', name: 'Bail out!', suite: '(root)', status: 'errored', message: line });
    }
  });
  flush();
  if (!bailedOut && topPoints > 0 && (topPlan === undefined || topPoints < topPlan)) {
    const found =
      topPlan === undefined
        ? 'no plan (1..N) was found'
        : `only ${topPoints} of ${topPlan} planned tests were reported`;
    throw new UserError(`${file}:${lines}:1: the TAP stream ends early: ${found}; it looks truncated.`);
  }
}
