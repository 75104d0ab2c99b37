import { describe, expect, it } from 'vitest';
import { clipEscaped } from '../../../src/runtime/clip.js';
import { discordText, htmlText, markdownUrl, slackLink, slackText, teamsText } from '../../../src/notify/escaping.js';

const hostile = 'Fix <!channel> <!here> <@U024BE7LH> & @everyone <script>alert(1)</script> [x](https://evil.example) **bold**';

describe('Slack mrkdwn', () => {
  it('turns &, < and > into entities so mentions and links stay text', () => {
    const text = slackText(hostile);
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U024BE7LH&gt; &amp; @everyone &lt;script&gt;');
  });

  it('escapes already-escaped text again, so "&lt;" cannot become "<"', () => {
    expect(slackText('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });

  it('keeps a link label from closing the link or adding a second one', () => {
    expect(slackLink('https://x.test/?a=1&b=<2>', 'v1 | <!channel>')).toBe('<https://x.test/?a=1&amp;b=%3C2%3E|v1 ¦ &lt;!channel&gt;>');
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
    expect(discordText('# big\n> quote\n- item\n1. one\nv1.4.0-rc.1')).toBe('\\# big\n\\> quote\n\\- item\n\\1. one\nv1.4.0-rc.1');
  });
});

describe('Teams Adaptive Card markdown', () => {
  it('makes emphasis, links and <at> tags literal', () => {
    const text = teamsText('**bold** [x](https://evil.example) <at>All</at> _i_');
    expect(text).toBe('\\*\\*bold\\*\\* \\[x\\](https://evil.example) \\<at\\>All\\</at\\> \\_i\\_');
  });

  it('stops a line from becoming a list item or heading', () => {
    expect(teamsText('- a\n+ b\n3. c\n# d')).toBe('\\- a\n\\+ b\n\\3. c\n\\# d');
  });
});

describe('HTML (Google Chat cards, email)', () => {
  it('escapes every character that could start markup or end an attribute', () => {
    expect(htmlText(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
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
