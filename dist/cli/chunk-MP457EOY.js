#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as u}from"./chunk-XDBII2GI.js";import{a as s}from"./chunk-RBUK7KRJ.js";import{c as i}from"./chunk-PJRPGA26.js";var a=i(s(),1),d=i(u(),1);function _(e){let[t,n,...r]=e.split("/");if(!t||!n||r.length>0)throw new Error(`expected owner/name, got '${e}'`);return{owner:t,name:n}}function l(e,t,n,r){let o=r!==void 0&&r>1?`/attempts/${r}`:"";return`${e.replace(/\/+$/,"")}/${t}/actions/runs/${n}${o}`}export{_ as a,l as b};
