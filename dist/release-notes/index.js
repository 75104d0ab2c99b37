import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{e as o,f as t,l as r}from"./chunk-Z4V7ZAS3.js";import"./chunk-KC6FEC6U.js";t(i=>r(i,o("github-token")),()=>import("./main-YJD77VDN.js"));
