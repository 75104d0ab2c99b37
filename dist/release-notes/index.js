import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{e as o,f as t,k as r}from"./chunk-2NE2OFHQ.js";import"./chunk-KC6FEC6U.js";t(i=>r(i,o("github-token")),()=>import("./main-RDA2Z5TI.js"));
