// Atomic file writes: the content goes to a temporary file in the same directory, is flushed, then renamed
// over the target, so a failed or interrupted run never leaves a half-written output file.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { OdeforgeError } from '../errors.js';
/**
 * Write `content` to `path` atomically (temp file + fsync + rename).
 * @throws OdeforgeError naming the file when it cannot be written (missing directory, permissions...)
 */
export function writeFileAtomic(path, content) {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let fd;
    try {
        fd = openSync(temp, 'wx');
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        let written = 0;
        while (written < bytes.length)
            written += writeSync(fd, bytes, written, bytes.length - written);
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        renameSync(temp, path);
    }
    catch (error) {
        if (fd !== undefined)
            closeSync(fd);
        try {
            unlinkSync(temp);
        }
        catch {
            // the temporary file was never created
        }
        throw new OdeforgeError(`cannot write ${path}: ${error.message}`, { file: path }, 'check that the directory exists and is writable');
    }
}
