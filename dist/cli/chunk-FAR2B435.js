#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
function i(t){let r=e=>({login:e.login,name:e.name,firstTime:e.firstTime,firstChange:{number:e.firstChange.number,sha:e.firstChange.sha,url:e.firstChange.url}});return{...t,sections:t.sections.map(e=>({title:e.title,changes:e.changes.map(n=>({...n,emails:void 0}))})),contributors:t.contributors.map(r),newContributors:t.newContributors.map(r)}}export{i as a};
