/** Streaming responses (NDJSON, CSV) that respect backpressure. */
import type { Response } from 'express';

/** Resolves when the socket takes more, false when the client went away. */
function drained(res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/**
 * Writes each chunk as it is produced, waiting for the client to take it before asking for more:
 * memory stays at about one page whatever the size of the download. A client that disconnects
 * stops the source (its `finally` releases what it holds). An error before the first byte is
 * thrown (and answered as problem+json); after it, the response is aborted so the client sees an
 * incomplete transfer rather than a file that looks whole.
 */
export async function streamChunks(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (res.destroyed) return;
      if (!res.write(next.value) && !(await drained(res))) return;
    }
    res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error as Error);
  } finally {
    await iterator.return?.();
  }
}
