#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
var e=1024*1024;
