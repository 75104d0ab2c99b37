#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-4V4GQ4MH.js";import"./chunk-ERCU73Q7.js";import"./chunk-RBUK7KRJ.js";import"./chunk-PJRPGA26.js";export{d as findFiles,b as globBase,c as globError,a as globMatcher};
