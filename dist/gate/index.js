import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{c as o,i as r}from"./chunk-RV7WEI3Y.js";import"./chunk-CK4KEEG7.js";o(r,()=>import("./main-CK4LNPAR.js"));
