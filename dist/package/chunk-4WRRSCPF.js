import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as e,c as r}from"./chunk-VHAQTYO3.js";var q=r((u,i)=>{i.exports=e("node:path")});var s=r((x,o)=>{o.exports=e("node:stream")});var t=r((a,p)=>{p.exports=e("node:zlib")});export{q as a,s as b,t as c};
