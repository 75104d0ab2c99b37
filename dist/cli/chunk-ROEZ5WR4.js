#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as r,b as i}from"./chunk-PJRPGA26.js";var o=i((p,e)=>{e.exports=r("node:stream/promises")});export{o as a};
