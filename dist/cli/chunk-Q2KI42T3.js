#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as e,b as r}from"./chunk-PJRPGA26.js";var q=r((u,i)=>{i.exports=e("node:events")});var s=r((x,o)=>{o.exports=e("node:stream")});var t=r((a,p)=>{p.exports=e("node:zlib")});export{q as a,s as b,t as c};
