import { describe, expect, it } from 'vitest';
import { clipEscaped } from '../../../src/runtime/clip.js';
import { discordText, htmlText, markdownUrl, slackLink, slackText, teamsText } from '../../../src/notify/escaping.js';

const hostile =
  'Fix <!channel> <!here> <@U024BE7LH> & @everyone <script>alert(1)</script> [x](https://evil.example) **bold**';

describe('Slack mrkdwn', () => {
  it('turns &, < and > into entities so mentions and links stay text', () => {
    const text = slackText(hostile);
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U024BE7LH&gt; &amp; @\u200beveryone &lt;script&gt;');
  });

  it('keeps plain @channel, @here and #channel from becoming a mention or a channel link', () => {
    const text = slackText('ping @channel @here @everyone in #deployments, see email@here.example and C#');
    expect(text).toBe(
      'ping @\u200bchannel @\u200bhere @\u200beveryone in #\u200bdeployments, see email@\u200bhere.example and C#',
    );
    expect(text).not.toMatch(/@(channel|here|everyone)|#deployments/);
  });

  it('escapes already-escaped text again, so "&lt;" cannot become "<"', () => {
    expect(slackText('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });

  it('keeps a link label from closing the link or adding a second one', () => {
    expect(slackLink('https://x.test/?a=1&b=<2>', 'v1 | <!channel>')).toBe(
      '<https://x.test/?a=1&amp;b=%3C2%3E|v1 ¦ &lt;!channel&gt;>',
    );
  });
});

describe('Discord markdown', () => {
  it('breaks @everyone, @here and <@id> mentions and escapes markdown', () => {
    const text = discordText('@everyone @here <@123> **bold** [x](y) `code`');
    expect(text).not.toContain('@everyone');
    expect(text).not.toContain('@here');
    expect(text).not.toContain('<@123>');
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).toContain('\\[x\\](y)');
    expect(text).toContain('\\`code\\`');
  });

  it('escapes headings, quotes and lists only at the start of a line', () => {
    expect(discordText('# big\n## less\n> quote\n- item\n1. one\nv1.4.0-rc.1')).toBe(
      '\\# big\n\\## less\n\\> quote\n\\- item\n\\1. one\nv1.4.0-rc.1',
    );
  });

  it('leaves a version alone, even at the start of the text', () => {
    expect(discordText('1.4.0')).toBe('1.4.0');
    expect(discordText('-rc.1')).toBe('-rc.1');
  });
});

describe('Teams Adaptive Card markdown', () => {
  it('breaks links and <at> tags with an invisible space, never a backslash (Teams mobile shows those)', () => {
    const text = teamsText('**bold** [x](https://evil.example) <at>All</at> _i_ 1.4.0');
    expect(text).toBe('**bold** [x]\u200b(https://evil.example) <\u200bat>All<\u200b/at> _i_ 1.4.0');
    expect(text).not.toContain('\\');
  });

  it('stops a line from becoming a list item, and leaves a version at the start alone', () => {
    expect(teamsText('- a\n+ b\n3. c\n# d\n1.4.0')).toBe('\u200b- a\n\u200b+ b\n\u200b3. c\n# d\n1.4.0');
  });
});

describe('HTML (Google Chat cards, email)', () => {
  it('escapes every character that could start markup or end an attribute', () => {
    expect(htmlText(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });
});

describe('markdown link URLs', () => {
  it('encodes what would end the link', () => {
    expect(markdownUrl('https://x.test/a (b)')).toBe('https://x.test/a%20%28b%29');
  });
});

describe('clipping to limits', () => {
  it('fits the escaped form to the limit without cutting an entity', () => {
    const escaped = clipEscaped('<'.repeat(100), 50, slackText);
    expect(escaped.length).toBeLessThanOrEqual(50);
    expect(escaped).toMatch(/^(&lt;)+…$/);
  });
});
