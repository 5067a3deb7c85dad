// Parsing of option values shared by the commands: numbers, bounded counts and comma-separated vectors,
// each rejected with a message naming the option (and the limit); and the one handling of
// --data/--dataset/--dataset-n/--dataset-seed/--dim, which fix the data and the dimension of a design.
import type { Command } from 'commander';
import {
  checkDataset,
  dataset,
  datasetNames,
  designFromText,
  limits,
  maxThreads,
  OdeforgeError,
  parseSpec,
  fieldDataArray,
  readDataSource,
  readSpecText,
  type DataSource,
  type Design,
} from '../index.js';

export function parseNumber(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new OdeforgeError(`--${option} must be a finite number, not "${text}"`);
  return value;
}

/** A positive integer, at most `max` (the named limit checked before any work). */
export function parsePositiveInteger(option: string, text: string, max: number = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 1)
    throw new OdeforgeError(`--${option} must be a positive integer, not "${text}"`);
  if (value > max) throw new OdeforgeError(`--${option} must be at most ${max} (odeforge's limit), not ${text}`);
  return value;
}

export function parseNonNegativeInteger(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < 0)
    throw new OdeforgeError(`--${option} must be a non-negative integer, not "${text}"`);
  return value;
}

/** --threads: at most the cores (more only add memory: each thread holds its own design and data). */
export function parseThreads(text: string): number {
  const cores = maxThreads();
  const value = parsePositiveInteger('threads', text);
  if (value > cores) throw new OdeforgeError(`--threads must be at most ${cores} (the number of cores), not ${text}`);
  return value;
}

/** "1.3,0" → [1.3, 0]; negative coordinates work as --x=-1,2. */
export function parseVector(option: string, text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > limits.dimension)
    throw new OdeforgeError(
      `--${option} has ${parts.length} coordinates, above the dimension limit of ${limits.dimension}`,
    );
  return parts.map((part, i) => {
    const value = Number(part);
    if (part === '' || !Number.isFinite(value)) {
      throw new OdeforgeError(
        `--${option}: coordinate ${i + 1} ("${part}") is not a finite number`,
        {},
        `write --${option}=-1,2.5`,
      );
    }
    return value;
  });
}

export interface DataCliOptions {
  data?: string;
  dataset?: string;
  datasetN?: string;
  datasetSeed?: string;
  dim?: string;
}

/** Where the data comes from, and what it says about the design's dimension. */
export interface DataChoice {
  /** The dimension the design must have: --dim, else the data file's. */
  required?: number;
  /** The dimension for a spec that has none and no --dim: a toy data set's 2. */
  fallback?: number;
  /** What --data holds. */
  source?: DataSource;
  /** The toy data set of --dataset, generated once the design's dimension is known. */
  toy?: { name: string; n: number; seed: number };
  /** The file or data set name, for labels. */
  label?: string;
}

/** Add --data, --dataset, --dataset-n, --dataset-seed and --dim to a command. */
export function addDataOptions(command: Command, dataHelp: string): Command {
  return command
    .option('--data <file>', dataHelp)
    .option(
      '--dataset <name>',
      `built-in toy data set: ${datasetNames.join(', ')} (2-D unless the spec or --dim says otherwise)`,
    )
    .option('--dataset-n <M>', 'points in the built-in data set', '1000')
    .option('--dataset-seed <S>', 'seed of the built-in data set', '0')
    .option('--dim <D>', 'dimension d, when neither the spec nor the data fix it');
}

/**
 * Read --data (or check --dataset) and --dim, before the design is loaded, so that the data can fix its
 * dimension: a file by its columns, a toy set as 2 unless the spec says otherwise.
 * @throws OdeforgeError for both --data and --dataset, a bad file, name or count, or a --dim the data contradicts
 */
export function readDataChoice(options: DataCliOptions): DataChoice {
  if (options.data !== undefined && options.dataset !== undefined) {
    throw new OdeforgeError(
      'give at most one of --data FILE and --dataset NAME',
      {},
      `built-in data sets: ${datasetNames.join(', ')}`,
    );
  }
  const dim = options.dim === undefined ? undefined : parsePositiveInteger('dim', options.dim, limits.dimension);
  if (options.dataset !== undefined) {
    const toy = {
      name: options.dataset,
      n: parsePositiveInteger('dataset-n', options.datasetN ?? '1000', limits.points),
      seed: parseNonNegativeInteger('dataset-seed', options.datasetSeed ?? '0'),
    };
    checkDataset(toy.name, { n: toy.n });
    return { required: dim, fallback: 2, toy, label: toy.name };
  }
  if (options.data === undefined) return { required: dim };
  // read straight into memory the field's kernels (and every sampler thread) read: no copy of the points
  const source = readDataSource(options.data, { allocate: fieldDataArray });
  const fileDim = source.kind === 'table' ? source.table.dim : source.mixture.means[0]?.length;
  if (dim !== undefined && fileDim !== undefined && fileDim !== dim) {
    throw new OdeforgeError(`--dim ${dim} does not match the data's dimension ${fileDim}`, { file: options.data });
  }
  return { required: dim ?? fileDim, source, label: options.data };
}

/** The points of --data (a table) or --dataset in the design's dimension; undefined without data. */
export function dataPoints(choice: DataChoice, design: Pick<Design, 'dimension'>): Float64Array | undefined {
  if (choice.toy) return dataset(choice.toy.name, { n: choice.toy.n, dim: design.dimension, seed: choice.toy.seed });
  if (choice.source?.kind === 'table') return choice.source.table.data;
  return undefined;
}

/**
 * Load a spec file (read with its size checked first) into a Design of the dimension the data fixes.
 * @throws OdeforgeError (positioned) for any bad input
 */
export function loadCliDesign(specPath: string, choice: Pick<DataChoice, 'required' | 'fallback'>): Design {
  const text = readSpecText(specPath);
  const dimension =
    choice.required ??
    (choice.fallback !== undefined && parseSpec(text, specPath).dimension === undefined ? choice.fallback : undefined);
  return designFromText(text, { file: specPath, ...(dimension === undefined ? {} : { dimension }) });
}
