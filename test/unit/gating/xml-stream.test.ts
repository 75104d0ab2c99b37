import { describe, expect, it } from 'vitest';
import { streamXml, type XmlHandlers } from '../../../src/gating/io/xml-stream.js';
import { LimitExceeded } from '../../../src/gating/io/limit-exceeded.js';
import { DEFAULT_LIMITS } from '../../../src/gating/test-results.js';
import { UserError } from '../../../src/runtime/errors.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('xml-stream');

/** Reads text only inside <keep>, the way the parsers read only a failure's body. */
async function keptText(file: string, limits = DEFAULT_LIMITS) {
  const open: string[] = [];
  const texts: string[] = [];
  const opened: Record<string, string>[] = [];
  const handlers: XmlHandlers = {
    open({ name, attributes }) {
      open.push(name);
      opened.push(attributes);
    },
    close() {
      open.pop();
    },
    wantsText: () => open.at(-1) === 'keep',
    text(text) {
      texts.push(`${open.at(-1)}:${text}`);
    },
  };
  await streamXml(file, limits, handlers);
  return { texts, opened };
}

describe('streamXml, text read only where it is wanted', () => {
  it('hands over the text and CDATA of wanted elements only, whole, entities resolved', async () => {
    const file = temp.write(
      'wanted.xml',
      '<r>\n  <skip>not this &amp; not that</skip>\n  <keep>a &lt; b\nsecond line<x/>after child</keep>\n  <skip><![CDATA[no]]></skip><keep><![CDATA[cdata <kept>]]></keep>\n</r>\n',
    );
    const { texts } = await keptText(file);
    expect(texts).toEqual(['keep:a < b\nsecond line', 'keep:after child', 'keep:cdata <kept>']);
  });

  it('still refuses malformed text it does not hand over', async () => {
    for (const [name, body] of [
      ['entity.xml', '<r><skip>an &undefined; entity</skip></r>'],
      ['cdata-end.xml', '<r><skip>a ]]> in text</skip></r>'],
      ['outside.xml', '<r><skip>x</skip></r>text after the root'],
    ] as const) {
      const file = temp.write(name, body);
      await expect(keptText(file), name).rejects.toThrow(UserError);
      await expect(keptText(file), name).rejects.toThrow(/is not well-formed XML/);
    }
  });

  it('hands each tag its own attributes though the tag object is reused', async () => {
    const file = temp.write('attributes.xml', '<r a="1"><keep b="2"/><skip c="3" d="4"/></r>');
    const { opened } = await keptText(file);
    expect(opened.map((attributes) => ({ ...attributes }))).toEqual([{ a: '1' }, { b: '2' }, { c: '3', d: '4' }]);
  });

  it('counts the attributes of elements whose text is not read against maxAttributes', async () => {
    const attributes = Array.from({ length: 6 }, (_, i) => ` a${i}="${i}"`).join('');
    const file = temp.write('many.xml', `<r><skip${attributes}>x</skip></r>`);
    await expect(keptText(file, { ...DEFAULT_LIMITS, maxAttributes: 5 })).rejects.toThrow(LimitExceeded);
    await expect(keptText(file, { ...DEFAULT_LIMITS, maxAttributes: 6 })).resolves.toBeDefined();
  });
});

describe('reading the file', () => {
  it('keeps characters whole across the 64 KiB reads, and drops a leading byte order mark', async () => {
    // 2-, 3- and 4-byte characters from about byte 65,500 on: some straddle the first and second reads.
    const pad = 'p'.repeat(64 * 1024 - 40);
    const text = 'é€\u{1F600}'.repeat(5_000);
    const file = temp.write('multibyte.xml', `\uFEFF<root a="${pad}"><keep>${text}</keep></root>`);
    const { texts, opened } = await keptText(file);
    expect(opened[0]!.a === pad).toBe(true);
    const kept = texts.map((piece) => piece.slice('keep:'.length)).join('');
    expect(kept.length).toBe(text.length);
    expect(kept === text).toBe(true);
  });
});
