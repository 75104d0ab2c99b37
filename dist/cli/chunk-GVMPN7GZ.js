#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
var e=class extends Error{name="UserError"},t=class extends e{constructor(s,o){super(o);this.input=s}input;name="InputError"};function c(n){return(n instanceof Error?n.message:String(n)).replace(/\s*[\r\n]+\s*/g," ").trim()||"unknown error"}export{e as a,t as b,c};
