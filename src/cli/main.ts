#!/usr/bin/env node
// The odeforge command line: parses argv, calls the public API, prints, maps errors to exit codes.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { register as registerDerive } from './commands/derive.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerSample } from './commands/sample.js';
import { register as registerMerge } from './commands/merge.js';
import { register as registerDataset } from './commands/dataset.js';
import { register as registerExport } from './commands/export.js';
import { register as registerVerify } from './commands/verify.js';
import { register as registerReport } from './commands/report.js';
import { register as registerMetrics } from './commands/metrics.js';
import { register as registerCompare } from './commands/compare.js';
import { register as registerLikelihood } from './commands/likelihood.js';
import { reportError, exitCodes } from './errors.js';
import { exitCleanlyOnSignalsWhileWriting, packageRoot, terminalText } from '../index.js';

/** The version in the package's own package.json (the bundle and dist/ sit one folder below it). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string }).version;
}

function program(): Command {
  const cli = new Command('odeforge')
    .description('design diffusion ODEs: derive, verify and sample from a spec file')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({
      // commander's messages quote the user's arguments: control characters are shown escaped
      writeErr: (text) => process.stderr.write(terminalText(text.startsWith('error:') ? `odeforge: ${text}` : text)),
    })
    .showHelpAfterError('(run odeforge --help for usage)');
  for (const register of [
    registerDerive,
    registerEval,
    registerVerify,
    registerSample,
    registerLikelihood,
    registerMerge,
    registerDataset,
    registerReport,
    registerMetrics,
    registerCompare,
    registerExport,
  ])
    register(cli);
  return cli;
}

async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    }
    return reportError(error);
  }
}

exitCleanlyOnSignalsWhileWriting();
process.exitCode = await main(process.argv);
