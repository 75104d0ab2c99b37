import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{f as o,o as r}from"./chunk-JG4AN2PY.js";import"./chunk-2KC2USSC.js";o(r,()=>import("./main-2E5EDTJP.js"));
