// actions/setup-node: installs nothing (the tests run offline); reports the Node that later steps find on PATH.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const version = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
appendFileSync(process.env.GITHUB_OUTPUT, `node-version=${version}\n`);
