import { ndjsonLines, type NdjsonLine } from '../../../src/contributions/import/ndjson-lines.js';

async function lines(chunks: (string | Buffer)[], max = 100): Promise<NdjsonLine[]> {
  const out: NdjsonLine[] = [];
  for await (const line of ndjsonLines((async function* () { yield* chunks; })(), max)) out.push(line);
  return out;
}

describe('ndjsonLines: an import body split into numbered lines', () => {
  it('numbers lines from 1 across chunk boundaries, drops CR of CRLF, and keeps a character split between chunks whole', async () => {
    const text = Buffer.from('{"a":1}\r\n{"body":"Gjirokastër"}\n\n', 'utf8');
    const split = text.indexOf(Buffer.from('ë')) + 1; // inside the two bytes of ë
    expect(await lines([text.subarray(0, split), text.subarray(split)])).toEqual([
      { number: 1, text: '{"a":1}', terminated: true, tooLong: false },
      { number: 2, text: '{"body":"Gjirokastër"}', terminated: true, tooLong: false },
      { number: 3, text: '', terminated: true, tooLong: false },
    ]);
  });

  it('gives a last line without its newline as not terminated (a cut file), and a runaway line as too long without its text', async () => {
    const long = 'x'.repeat(250);
    expect(await lines(['{"a":1}\n', long.slice(0, 120), long.slice(120), '\n{"b":', '2'])).toEqual([
      { number: 1, text: '{"a":1}', terminated: true, tooLong: false },
      { number: 2, text: '', terminated: true, tooLong: true },
      { number: 3, text: '{"b":2', terminated: false, tooLong: false },
    ]);
  });
});
