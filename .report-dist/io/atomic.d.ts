/**
 * Write `content` to `path` atomically (temp file + fsync + rename).
 * @throws OdeforgeError naming the file when it cannot be written (missing directory, permissions...)
 */
export declare function writeFileAtomic(path: string, content: string | Uint8Array): void;
