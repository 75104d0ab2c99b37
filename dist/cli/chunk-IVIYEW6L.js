#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as l}from"./chunk-54JNSMI2.js";import{c as g}from"./chunk-PJRPGA26.js";var d=g(l(),1),s=class extends Error{constructor(e,r,c){let i=r.trim().split(`
`);super(`git ${e.join(" ")} failed: ${i.find(a=>/^(fatal|error):/.test(a))??i.pop()??"no message"}`);this.args=e;this.stderr=r;this.exitCode=c}args;stderr;exitCode;name="GitError"};function m(n,t=process.env,e=0){return{cwd:n,run:r=>new Promise((c,i)=>{let a={cwd:n,env:{...t,GIT_TERMINAL_PROMPT:"0",LC_ALL:"C"},maxBuffer:268435456,timeout:e};(0,d.execFile)("git",r,a,(o,u,f)=>{o?i(new s(r,String(f||o.message),typeof o.code=="number"?o.code:void 0)):c(String(u))})})}}async function p(n,t){try{return await n.run(t),!0}catch(e){if(e instanceof s&&e.exitCode===1)return!1;throw e}}export{s as a,m as b,p as c};
