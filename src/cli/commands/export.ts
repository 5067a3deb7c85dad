// `odeforge export <spec> --to latex|python|torch|json [-o FILE]`: the design, ready to leave the workbench.
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { parsePositiveInteger } from '../options.js';
import { exportSpecFile, exportTargets, OdeforgeError, terminalJson, writeFileAtomic } from '../../index.js';

export function register(program: Command): void {
  program
    .command('export')
    .description('export the derived design as LaTeX, a NumPy or PyTorch module, or JSON')
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .requiredOption('--to <target>', exportTargets.join(' | '))
    .option('--dim <D>', 'dimension d, when the spec has none (else the export is written for any d)')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
    .action((spec: string, options: { to: string; dim?: string; out?: string }) => {
      if (options.out !== undefined) refuseOverwritingInput(spec, options.out);
      const text = exportSpecFile(
        spec,
        options.to,
        options.dim === undefined ? {} : { dimension: parsePositiveInteger('dim', options.dim) },
      );
      if (options.out === undefined) process.stdout.write(options.to === 'json' ? terminalJson(text) : text);
      else writeFileAtomic(options.out, text);
    });
}

/** `-o` naming the spec itself (by any path, symbolic or hard link) would replace the user's design with its export. */
function refuseOverwritingInput(spec: string, out: string): void {
  const input = statSync(spec, { throwIfNoEntry: false });
  const output = statSync(out, { throwIfNoEntry: false });
  if (input && output && input.dev === output.dev && input.ino === output.ino) {
    throw new OdeforgeError(
      `--out ${out} is the input spec; refusing to replace it with its export`,
      { file: out },
      'write the export to another file',
    );
  }
}
