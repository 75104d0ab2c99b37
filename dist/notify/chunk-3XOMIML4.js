import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as r,b as i}from"./chunk-KC6FEC6U.js";var o=i((p,e)=>{e.exports=r("node:crypto")});export{o as a};
