#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
function r(t){let n=String(Math.abs(Math.trunc(t)));return`${t<0?"-":""}${n.replace(/\B(?=(\d{3})+$)/g,",")}`}export{r as a};
