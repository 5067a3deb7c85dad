import { Command } from 'commander';
import { register } from './cli/commands/report.js';
const p = new Command('odeforge').exitOverride(); register(p);
try { await p.parseAsync(process.argv); } catch (e) { console.error('ERR', e.name, e.message.slice(0, 300)); process.exitCode = 1; }
