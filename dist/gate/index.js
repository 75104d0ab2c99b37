import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{f as o,m as r}from"./chunk-YU2P75KF.js";import"./chunk-2KC2USSC.js";o(r,()=>import("./main-S7H7HAYF.js"));
