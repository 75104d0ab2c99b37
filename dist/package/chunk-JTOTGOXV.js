import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{a as r,c as i}from"./chunk-VHAQTYO3.js";var o=i((p,e)=>{e.exports=r("node:os")});export{o as a};
