import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as e,b as r}from"./chunk-KC6FEC6U.js";var s=r((a,i)=>{i.exports=e("node:os")});var t=r((b,o)=>{o.exports=e("node:fs")});var u=r((c,p)=>{p.exports=e("node:path")});var x=r((d,q)=>{q.exports=e("node:crypto")});export{s as a,t as b,u as c,x as d};
