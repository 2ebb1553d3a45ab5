import { runScript } from './src/script/runInNode.ts';
const res = await runScript('let d = 0; function f(): void { d++; f(); } try { f(); } catch (e) { log(String(e)); } log(d);');
console.log(JSON.stringify(res));
