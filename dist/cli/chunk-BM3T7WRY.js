#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
var e=class extends Error{name="UserError"},r=class extends e{constructor(o,s){super(s);this.input=o}input;name="InputError"};function i(n){return(n instanceof Error?n.message:String(n)).replace(/\s*[\r\n]+\s*/g," ").trim()||"unknown error"}export{e as a,r as b,i as c};
