#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as f}from"./chunk-54JNSMI2.js";import{c as u}from"./chunk-PJRPGA26.js";var c=u(f(),1),i=class extends Error{constructor(e,o,a){let n=o.trim().split(`
`);super(`git ${e.join(" ")} failed: ${n.find(s=>/^(fatal|error):/.test(s))??n.pop()??"no message"}`);this.args=e;this.stderr=o;this.exitCode=a}args;stderr;exitCode;name="GitError"};function g(r,t=process.env){return{cwd:r,run:e=>new Promise((o,a)=>{(0,c.execFile)("git",e,{cwd:r,env:{...t,GIT_TERMINAL_PROMPT:"0",LC_ALL:"C"},maxBuffer:256*1024*1024},(n,s,d)=>{n?a(new i(e,String(d||n.message),typeof n.code=="number"?n.code:void 0)):o(String(s))})})}}async function l(r,t){try{return await r.run(t),!0}catch(e){if(e instanceof i&&e.exitCode===1)return!1;throw e}}export{i as a,g as b,l as c};
