#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a}from"./chunk-FAR2B435.js";import"./chunk-PJRPGA26.js";export{a as jsonModel};
