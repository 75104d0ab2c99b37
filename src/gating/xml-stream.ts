import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { UserError } from '../runtime/errors.js';
import { doctypeDeclares, refuseDoctype } from './detect-format.js';

export interface XmlTag {
  /** Local name, without a namespace prefix. */
  name: string;
  attributes: Record<string, string>;
}

export interface XmlHandlers {
  /** `at()` gives the parser's `line:column`, for messages. */
  open(tag: XmlTag, at: () => string): void;
  close(name: string): void;
  /** Text and CDATA content. */
  text(text: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Streams an XML file through saxes chunk by chunk, so memory stays flat whatever the file size.
 * A DOCTYPE that declares entities is refused before any is used; saxes never fetches a DTD and never
 * expands an undeclared entity.
 */
export async function streamXml(file: string, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: true });
  let ending = false;
  const where = () => `${file}:${parser.line}:${parser.column + 1}`;
  parser.on('doctype', (doctype) => {
    if (doctypeDeclares(doctype)) refuseDoctype(file, `${parser.line}:${parser.column + 1}`);
  });
  parser.on('error', (error) => {
    const reason = error.message.replace(/^(.*?:)?\d+:\d+: /, '').replace(/\.$/, '');
    if (ending) throw new UserError(`${where()}: the report ends early (${reason}); it looks truncated. Check that the test run finished writing it.`);
    throw new UserError(`${where()}: is not well-formed XML (${reason}); it is not a readable test report.`);
  });
  const at = () => `${parser.line}:${parser.column + 1}`;
  parser.on('opentag', (tag) => handlers.open({ name: localName(tag.name), attributes: tag.attributes as Record<string, string> }, at));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  let first = true;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    parser.write(first ? (chunk as string).replace(/^\uFEFF/, '') : (chunk as string));
    first = false;
  }
  ending = true;
  parser.close();
}

class Stop extends Error {}

/** Streams only as far as the root element (refusing a DOCTYPE on the way) and returns its name and position. */
export async function xmlRoot(file: string): Promise<{ name?: string; where: string }> {
  let found: { name?: string; where: string } = { where: '1:1' };
  try {
    await streamXml(file, {
      open(tag, at) {
        found = { name: tag.name, where: at() };
        throw new Stop();
      },
      close() {},
      text() {},
    });
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return found;
}
