import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  XML_DEPTH_LIMIT,
  XML_NAME_LIMIT,
  XML_PROLOG_LIMIT,
  XML_TEXT_KEPT,
  streamXml,
  type XmlHandlers,
} from '../../../src/gating/io/xml-stream.js';
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

describe('streamXml', () => {
  it.each([
    ['on a later line', `<r>\n<a>${'x'.repeat(200_000)}\nline three\n  and </oops></r>\n`],
    ['on the same line', `<r><a>${'x\u{1F600}'.repeat(100_000)}</oops></r>\n`],
    ['after two cuts on one line', `<r><a>${'x'.repeat(100_000)}</a><b>${'y'.repeat(100_000)}</b>  </oops></r>\n`],
  ])('reports positions in the file, not in what was left after text was cut (%s)', async (_name, xml) => {
    // Where saxes itself puts the error when it reads the whole document.
    const parser = new SaxesParser({ position: true });
    let expected = '';
    parser.on('error', () => {
      expected = `${parser.line}:${parser.column + 1}`;
      throw new Error('stop');
    });
    expect(() => parser.write(xml)).toThrow('stop');
    const file = temp.write('positions.xml', xml);
    await expect(streamXml(file, DEFAULT_LIMITS, { open() {}, close() {}, text() {} })).rejects.toThrow(
      `${file}:${expected}: is not well-formed XML`,
    );
  });

  it('hands on the start of a huge text node, and tags after it where they are in the file', async () => {
    const file = temp.write('huge-text.xml', `<r><a>${'x'.repeat(1_000_000)}</a>\n  <b/></r>`);
    const texts: string[] = [];
    const opened: string[] = [];
    await streamXml(file, DEFAULT_LIMITS, {
      open: (tag, at) => opened.push(`${tag.name}@${at()}`),
      close() {},
      text: (text) => texts.push(text),
    });
    expect(texts[0]!.length).toBeGreaterThanOrEqual(XML_TEXT_KEPT);
    expect(texts[0]!.length).toBeLessThanOrEqual(XML_TEXT_KEPT + 64 * 1024);
    expect(texts[0]!).toMatch(/^x+$/);
    expect(opened).toEqual(['r@1:4', 'a@1:7', 'b@2:7']);
  });

  it('cuts a huge text node, attribute value or CDATA section between the halves of no surrogate pair', async () => {
    // One code unit of padding puts every pair across the cut at XML_TEXT_KEPT, wherever the reads fall.
    for (const pad of ['', 'p']) {
      const emoji = '\u{1F600}'.repeat(200_000);
      const file = temp.write(
        'emoji.xml',
        `<r a="${pad}${emoji}"><a>${pad}${emoji}</a><a><![CDATA[${pad}${emoji}]]></a></r>`,
      );
      const texts: string[] = [];
      let value = '';
      await streamXml(file, DEFAULT_LIMITS, {
        open: (tag) => (value ||= tag.attributes.a ?? ''),
        close() {},
        text: (text) => texts.push(text),
      });
      for (const kept of [value, ...texts]) {
        expect(kept.length).toBeGreaterThan(XML_TEXT_KEPT - 2);
        expect(kept.length).toBeLessThan(emoji.length);
        expect(kept.slice(pad.length).length % 2, `pad '${pad}'`).toBe(0);
        expect(kept.endsWith('\u{1F600}')).toBe(true);
      }
    }
  });

  it('reads a DOCTYPE whole: one declaring entities after 100,000 characters is refused', async () => {
    const pad = 'x'.repeat(100_000);
    const file = temp.write('doctype.xml', `<!DOCTYPE r PUBLIC "${pad}" "r.dtd" [<!ENTITY e "boom">]>\n<r>&e;</r>`);
    await expect(streamXml(file, DEFAULT_LIMITS, { open() {}, close() {}, text() {} })).rejects.toThrow(`${file}:1:`);
    await expect(streamXml(file, DEFAULT_LIMITS, { open() {}, close() {}, text() {} })).rejects.toThrow(
      'has a DOCTYPE with entity declarations',
    );
  });

  it.each([
    ['a comment', (n: number) => `<!--${'c'.repeat(n)}-->`],
    ['a processing instruction', (n: number) => `<?trace ${'c'.repeat(n)}?>`],
  ])('reads %s before the root whole up to the prolog limit, and refuses a longer one', async (_kind, item) => {
    const opened: string[] = [];
    const short = temp.write('prolog-ok.xml', `${item(XML_PROLOG_LIMIT - 100)}\n<r/>`);
    await streamXml(short, DEFAULT_LIMITS, { open: (tag, at) => opened.push(`${tag.name}@${at()}`), close() {} });
    expect(opened).toEqual(['r@2:5']);
    const long = temp.write('prolog-long.xml', `${item(XML_PROLOG_LIMIT + 100_000)}\n<r/>`);
    const error = await streamXml(long, DEFAULT_LIMITS, { open() {}, close() {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${long.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: has a DOCTYPE, comment or processing instruction of more than 1,048,576 characters before the root element; a test report never needs that, so it is refused\\.$`,
      ),
    );
  });

  it.each([
    ['an entity reference', `<r>&${'e'.repeat(XML_NAME_LIMIT + 70_000)};</r>`],
    ['an element name', `<r><${'n'.repeat(XML_NAME_LIMIT + 70_000)}/></r>`],
    ['an attribute name', `<r ${'n'.repeat(XML_NAME_LIMIT + 70_000)}="1"/>`],
  ])('refuses %s longer than the name limit in one line', async (_kind, xml) => {
    const file = temp.write('long-name.xml', xml);
    const error = await streamXml(file, DEFAULT_LIMITS, { open() {}, close() {}, text() {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^.*long-name\.xml:1:\d+: has a name or entity reference of more than 65,536 characters; a test report never needs that, so it is refused\.$/,
    );
  });

  it(`refuses nesting deeper than ${XML_DEPTH_LIMIT.toLocaleString('en-US')} levels in one line naming the file and position`, async () => {
    const file = temp.write('deep.xml', `${'<a>'.repeat(XML_DEPTH_LIMIT + 1)}${'</a>'.repeat(XML_DEPTH_LIMIT + 1)}`);
    const error = await streamXml(file, DEFAULT_LIMITS, { open() {}, close() {}, text() {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `${file}:1:${3 * (XML_DEPTH_LIMIT + 1) + 1}: elements nest deeper than ${XML_DEPTH_LIMIT.toLocaleString('en-US')} levels; a test report never needs that, so it is refused.`,
    );
  });

  it(`reads nesting of exactly ${XML_DEPTH_LIMIT.toLocaleString('en-US')} levels`, async () => {
    const file = temp.write('deep-ok.xml', `${'<a>'.repeat(XML_DEPTH_LIMIT)}${'</a>'.repeat(XML_DEPTH_LIMIT)}`);
    let opened = 0;
    await streamXml(file, DEFAULT_LIMITS, { open: () => (opened += 1), close() {}, text() {} });
    expect(opened).toBe(XML_DEPTH_LIMIT);
  });
});
