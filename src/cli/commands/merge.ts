// `odeforge merge <shards>... -o FILE`: check that shard files (outputs of `odeforge sample --shard i/k --out`)
// are every shard of one run exactly once, and write their concatenation: the bytes the unsharded run writes
// (with --logp shards, its log-densities too: the CSV's logp column, or FILE.logp.npy/.json).
import type { Command } from 'commander';
import { logpSidecarPath, mergeShards, provenancePath, terminalText } from '../../index.js';

export function register(program: Command): void {
  program
    .command('merge')
    .description('merge the shards of one `sample --shard i/k --out FILE` run (checked by their provenance sidecars)')
    .argument('<shards...>', 'shard files (.csv, .npy, .json), each with its FILE.provenance.json; any order')
    .requiredOption(
      '-o, --out <file>',
      'the merged samples (.csv, .npy, .json), with FILE.provenance.json (and for --logp shards their log-densities)',
    )
    .option('--quiet', 'print nothing on success')
    .action((shards: string[], options: { out: string; quiet?: boolean }) => {
      const merged = mergeShards(shards, options.out);
      if (options.quiet) return;
      const logp =
        merged.logpSha256 !== undefined
          ? `log-densities in ${logpSidecarPath(options.out)}, `
          : merged.logp
            ? 'log-densities in its logp column, '
            : '';
      const line =
        `merged ${shards.length} shards: ${merged.n} samples × ${merged.dim} → ` +
        `${options.out} (${logp}provenance in ${provenancePath(options.out)})`;
      process.stderr.write(`${terminalText(line)}\n`);
    });
}
