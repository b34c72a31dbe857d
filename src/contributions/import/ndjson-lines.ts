/** One line of an NDJSON input, numbered from 1. */
export interface NdjsonLine {
  number: number;
  text: string;
  /** A newline followed it: false only for a last line without one (a file cut mid-line, say). */
  terminated: boolean;
  /** Longer than the limit: its text is dropped, not buffered. */
  tooLong: boolean;
}

/**
 * Splits a byte stream into lines without holding the whole input (a campaign file may have a
 * hundred thousand lines), and without buffering a runaway line beyond `maxLineChars`.
 */
export async function* ndjsonLines(chunks: AsyncIterable<Buffer | string>, maxLineChars: number): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let tooLong = false;
  let number = 0;
  const line = (text: string, terminated: boolean): NdjsonLine => {
    const result = { number: ++number, text: tooLong ? '' : text.endsWith('\r') ? text.slice(0, -1) : text, terminated, tooLong };
    tooLong = false;
    return result;
  };
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n', start)) {
      yield line(pending.slice(start, nl), true);
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxLineChars) {
      tooLong = true;
      pending = '';
    }
  }
  pending += decoder.decode();
  if (pending.length > 0 || tooLong) yield line(pending, false);
}
