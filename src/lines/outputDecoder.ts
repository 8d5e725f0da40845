import { LineSplitter, type LineSplitterOptions } from './lineSplitter.js';

/** Turns the raw chunks of one stream into the `data` of events: lines or the chunks themselves. */
export interface OutputDecoder {
  /** Decodes one chunk; every resulting piece of data is handed over synchronously. */
  write(chunk: Buffer): void;
  /** The stream ended: hands over what is left (a last line without a newline). */
  end(): void;
}

export type DataHandler = (data: string | Buffer, partial: boolean) => void;

/** In chunk mode, each chunk is the data, as read. */
export function createChunkDecoder(onData: DataHandler): OutputDecoder {
  return { write: (chunk) => onData(chunk, false), end: () => {} };
}

/** In line mode, each line is the data (see {@link LineSplitter}). */
export function createLineDecoder(onData: DataHandler, onTooLong: (lengthSoFar: number) => void, options: LineSplitterOptions): OutputDecoder {
  const splitter = new LineSplitter(onData, onTooLong, options);
  return { write: (chunk) => splitter.write(chunk), end: () => splitter.end() };
}
