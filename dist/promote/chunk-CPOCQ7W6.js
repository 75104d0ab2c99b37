import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as e,c as r}from"./chunk-VHAQTYO3.js";var s=r((a,i)=>{i.exports=e("node:path")});var t=r((b,o)=>{o.exports=e("node:os")});var u=r((c,p)=>{p.exports=e("node:fs")});var x=r((d,q)=>{q.exports=e("node:crypto")});export{t as a,u as b,s as c,x as d};
