import { describe, expect, it } from 'vitest';
import { gateReports } from '../../../src/gating/gate.js';
import { parseTestReport } from '../../../src/gating/formats/parse-report.js';
import { ResultCollector } from '../../../src/gating/collector.js';
import { UserError } from '../../../src/runtime/errors.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('xml-safety');
const rules = { maxFailures: 0, minPassRate: 100, minTests: 1 };

const XXE = `<?xml version="1.0"?>
<!DOCTYPE testsuite [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<testsuite name="x"><testcase name="leak" classname="c"><failure message="&secret;">&secret;</failure></testcase></testsuite>
`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<testsuites><testsuite name="lolz"><testcase name="&lol9;" classname="c"/></testsuite></testsuites>
`;

async function refusal(file: string, format: 'auto' | 'junit') {
  const error = await parseTestReport(file, format, new ResultCollector().beginFile(file)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

describe('DOCTYPE and entity declarations are refused, never expanded', () => {
  it('refuses an XXE report naming the file, line and column, without reading the entity', async () => {
    const file = temp.write('xxe.xml', XXE);
    const message = await refusal(file, 'auto');
    expect(message).toBe(
      `${file}:2:1: has a DOCTYPE with entity declarations, which a test report never needs; it is refused so that no entity is expanded (XXE, "billion laughs"). Remove the DOCTYPE.`,
    );
    expect(message).not.toMatch(/root:/);
  });

  it('refuses billion laughs before expanding anything, also when the format is named (no sniffing)', async () => {
    const file = temp.write('lolz.xml', BILLION_LAUGHS);
    expect(await refusal(file, 'auto')).toMatch(/lolz\.xml:2:1: has a DOCTYPE with entity declarations/);
    // The streaming parser refuses on its own when detection is skipped.
    expect(await refusal(file, 'junit')).toMatch(
      /lolz\.xml:\d+:\d+: has a DOCTYPE with entity declarations.*Remove the DOCTYPE\.$/,
    );
  });

  it('refuses a DOCTYPE hidden after a long comment, past where a short sniff would look', async () => {
    const file = temp.write(
      'late.xml',
      `<?xml version="1.0"?>\n<!-- ${'x'.repeat(100_000)} -->\n${XXE.split('\n').slice(1).join('\n')}`,
    );
    expect(await refusal(file, 'auto')).toMatch(/late\.xml:\d+:\d+: has a DOCTYPE with entity declarations/);
  });

  it('fails the gate with that error rather than passing or counting anything', async () => {
    const file = temp.write('gate-xxe.xml', XXE);
    await expect(gateReports({ files: [file], rules })).rejects.toThrow(/has a DOCTYPE with entity declarations/);
  });

  it('reads a DOCTYPE that only names an external DTD (as istanbul writes Cobertura): nothing is fetched or declared', async () => {
    const file = temp.write(
      'external-dtd.xml',
      '<?xml version="1.0"?>\n<!DOCTYPE testsuite SYSTEM "file:///etc/passwd">\n<testsuite name="s"><testcase classname="c" name="ok"/></testsuite>\n',
    );
    const result = await gateReports({ files: [file], rules });
    expect(result.totals).toMatchObject({ total: 1, passed: 1 });
  });

  it('never resolves an entity that only an external DTD could declare', async () => {
    const file = temp.write(
      'external-entity.xml',
      '<?xml version="1.0"?>\n<!DOCTYPE testsuite SYSTEM "file:///etc/passwd">\n<testsuite name="s"><testcase classname="c" name="&xxe;"/></testsuite>\n',
    );
    await expect(gateReports({ files: [file], rules })).rejects.toThrow(
      new RegExp(`^${file}:3:\\d+: is not well-formed XML \\(undefined entity\\)`),
    );
  });

  it('reads predefined and numeric character references, which need no DOCTYPE', async () => {
    const file = temp.write(
      'refs.xml',
      '<testsuite name="s"><testcase classname="c" name="a &amp; b &#x263A;"><failure message="&lt;1&gt;"/></testcase></testsuite>',
    );
    const result = await gateReports({ files: [file], rules });
    expect(result.collector.failures[0]).toMatchObject({ name: 'a & b ☺', message: '<1>' });
  });
});
