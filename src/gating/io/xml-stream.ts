import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { UserError } from '../../runtime/errors.js';
import { doctypeDeclares, refuseDoctype } from '../formats/detect-format.js';
import { DEFAULT_LIMITS, type ParseLimits } from '../test-results.js';
import { LimitExceeded } from './limit-exceeded.js';
import { formatCount } from '../../runtime/count.js';
import { cutText } from '../../runtime/clip.js';

export interface XmlTag {
  /** Local name, without a namespace prefix. */
  name: string;
  attributes: Record<string, string>;
}

export interface XmlHandlers {
  /** `at()` gives the parser's `line:column`, for messages. `tag` is reused for the next tag: keep its fields, not it. */
  open(tag: XmlTag, at: () => string): void;
  close(name: string): void;
  /** Text and CDATA content, while `wantsText` says so; none is gathered when absent. */
  text?(text: string): void;
  /**
   * Asked after each tag opens or closes: whether `text` wants the text that follows (always, when absent).
   * Text nobody wants is still checked for well-formedness but never gathered into strings: a report is
   * mostly whitespace between tags.
   */
  wantsText?(): boolean;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Characters of one text node, CDATA section, comment, processing instruction or attribute value kept
 * between two reads; the rest of it is dropped. A run handed on is at most this plus one 64 KiB read:
 * far above what any parser keeps (`DETAILS_CAP`, 4,000 characters, is the largest), so capping changes
 * nothing a report shows.
 */
export const XML_TEXT_KEPT = 16 * 1024;

/** Longest name or entity reference read: real ones are a few dozen characters. */
export const XML_NAME_LIMIT = 64 * 1024;

/**
 * Longest DOCTYPE, comment or processing instruction before the root element. Kept whole, not capped,
 * so that a DOCTYPE is checked whole for entity declarations.
 */
export const XML_PROLOG_LIMIT = 1024 * 1024;

/**
 * Deepest element nesting read: 100 Ki levels. Real reports nest a few dozen levels; a deeper one
 * is refused. saxes keeps every open element on a stack (with attributes released, 100–150 bytes a
 * level, and V8 sizes its heap at about three times what is live), so this depth costs up to about
 * 50 MiB; reading a million levels would cost half a GiB.
 */
export const XML_DEPTH_LIMIT = 100 * 1024;

/** What saxes is gathering (private fields of saxes 6): the run being read, a name, an entity reference. */
interface SaxesBuffers {
  text: string;
  name: string;
  entity: string;
  /** The root element's start tag has begun: no DOCTYPE can follow. */
  sawRoot: boolean;
}

/** Attributes saxes keeps on its stack of open elements once the handlers have seen them. */
const RELEASED: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/**
 * Streams an XML file through saxes chunk by chunk, so memory stays flat whatever the file size:
 * text is capped at about `XML_TEXT_KEPT` characters a node as saxes gathers it, nesting deeper
 * than `XML_DEPTH_LIMIT` is refused, and so is an element with more than `limits.maxAttributes` attributes.
 * A DOCTYPE that declares entities is refused before any is used;
 * saxes never fetches a DTD and never expands an undeclared entity.
 */
export async function streamXml(file: string, limits: ParseLimits, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: true });
  let ending = false;
  const position = () => `${parser.line}:${parser.column + 1}`;
  const at = position;
  const where = () => `${file}:${position()}`;
  parser.on('doctype', (doctype) => {
    if (doctypeDeclares(doctype)) refuseDoctype(file, position());
  });
  parser.on('error', (error) => {
    const reason = error.message.replace(/^(.*?:)?\d+:\d+: /, '').replace(/\.$/, '');
    if (ending)
      throw new UserError(
        `${where()}: the report ends early (${reason}); it looks truncated. Check that the test run finished writing it.`,
      );
    throw new UserError(`${where()}: is not well-formed XML (${reason}); it is not a readable test report.`);
  });
  // saxes gathers every attribute of a tag before it hands the tag over: counting them as they come bounds that.
  // The count starts again as each tag is handed over (below), so it counts the attributes of the tag being read.
  let attributes = 0;
  parser.on('attribute', () => {
    attributes += 1;
    if (attributes > limits.maxAttributes)
      throw new LimitExceeded(file, position(), 'maxAttributes', limits.maxAttributes, 'attributes on one element');
  });
  const onText = handlers.text && ((content: string) => handlers.text!(content));
  // saxes reads its text handler as it starts on the text after a tag: it is set only while the text is wanted.
  let textOn = onText !== undefined;
  const textFollows = () => {
    const wanted = onText !== undefined && (handlers.wantsText?.() ?? true);
    if (wanted === textOn) return;
    textOn = wanted;
    if (wanted) parser.on('text', onText);
    else parser.off('text');
  };
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', (content) => textOn && onText(content));
  }
  textFollows();
  let depth = 0;
  // One object for every tag: handlers keep what they read from it (the attributes), never the tag itself.
  const opened: XmlTag = { name: '', attributes: RELEASED };
  parser.on('opentag', (tag) => {
    depth += 1;
    if (depth > XML_DEPTH_LIMIT) {
      throw new UserError(
        `${where()}: elements nest deeper than ${formatCount(XML_DEPTH_LIMIT)} levels; a test report never needs that, so it is refused.`,
      );
    }
    attributes = 0;
    opened.name = localName(tag.name);
    opened.attributes = tag.attributes as Record<string, string>;
    handlers.open(opened, at);
    // saxes keeps the tag until it closes but needs only its name; deep nesting then costs less.
    tag.attributes = RELEASED;
    textFollows();
  });
  parser.on('closetag', (tag) => {
    depth -= 1;
    handlers.close(localName(tag.name));
    textFollows();
  });
  // saxes gathers a whole run before it hands it on, so a 100 MB stack trace would cost hundreds of MiB however
  // little the parsers keep. Between reads, a run that goes on is cut to its first characters; saxes still reads
  // (and checks) all of it, so positions and well-formedness are the file's own.
  const gathered = parser as unknown as SaxesBuffers;
  const boundBuffers = () => {
    const { text } = gathered;
    if (text.length > XML_TEXT_KEPT) {
      if (!gathered.sawRoot) {
        if (text.length > XML_PROLOG_LIMIT)
          throw new UserError(
            `${where()}: has a DOCTYPE, comment or processing instruction of more than ${formatCount(XML_PROLOG_LIMIT)} characters before the root element; a test report never needs that, so it is refused.`,
          );
      } else gathered.text = cutText(text, XML_TEXT_KEPT);
    }
    if (gathered.name.length > XML_NAME_LIMIT || gathered.entity.length > XML_NAME_LIMIT)
      throw new UserError(
        `${where()}: has a name or entity reference of more than ${formatCount(XML_NAME_LIMIT)} characters; a test report never needs that, so it is refused.`,
      );
  };
  let first = true;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    parser.write(first ? (chunk as string).replace(/^\uFEFF/, '') : (chunk as string));
    first = false;
    boundBuffers();
  }
  ending = true;
  parser.close();
}

class Stop extends Error {}

/** Streams only as far as the root element (refusing a DOCTYPE on the way) and returns its name and position. */
export async function xmlRoot(file: string): Promise<{ name?: string; where: string }> {
  let found: { name?: string; where: string } = { where: '1:1' };
  try {
    await streamXml(file, DEFAULT_LIMITS, {
      open(tag, at) {
        found = { name: tag.name, where: at() };
        throw new Stop();
      },
      close() {},
    });
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return found;
}
