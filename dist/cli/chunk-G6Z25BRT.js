#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
var e={ms:1,s:1e3,m:6e4,h:36e5,d:864e5},u=/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g,i=/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;function a(o){let t=o.trim().toLowerCase();if(t==="0")return 0;if(!i.test(t))return;let n=0;for(let[,s,r]of t.matchAll(u))n+=Number(s)*e[r];return Math.round(n)}function f(o){if(o<1e3)return`${Math.round(o)}ms`;let t=[],n=Math.round(o/1e3);for(let[s,r]of[["d",86400],["h",3600],["m",60]])n>=r&&(t.push(`${Math.floor(n/r)}${s}`),n%=r);return(n>0||t.length===0)&&t.push(`${n}s`),t.join(" ")}export{a,f as b};
