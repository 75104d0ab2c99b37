#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
function u(t,r){if(t.length<=r)return t;let n=t.slice(0,Math.max(0,r));return/[\uD800-\uDBFF]$/.test(n)?n.slice(0,-1):n}function g(t,r,n="\u2026"){return t.length<=r?t:`${u(t,r-n.length)}${n}`}function l(t,r,n){let e=t,i=n(e);for(;i.length>r;)e=g(e,Math.max(1,Math.min(e.length-1,Math.floor(e.length*r/i.length)))),i=n(e);return i}export{u as a,g as b,l as c};
