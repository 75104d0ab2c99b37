import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import{f as o,o as r}from"./chunk-J43MFMOY.js";import"./chunk-2KC2USSC.js";o(r,()=>import("./main-T4VKJNAX.js"));
