import { closeSync, writeSync } from 'node:fs';

/** The pdfkit internals used here: where a document writes its bytes. */
interface Writer {
  _offset: number;
  _write(data: string | Uint8Array): void;
  read(): Buffer | null;
}

/** Text gathered before it is turned into bytes and written. */
const CHUNK = 64 * 1024;

/**
 * What a pdfkit document writes, straight to a file. pdfkit hands each piece ("12 0 obj", a
 * dictionary, a stream, each line of the cross-reference table) to a Node stream as a Buffer
 * of its own. Read back after every letter, they were a few dozen objects a page; at the end,
 * the cross-reference table of a pack of 20,000 pages was 60,000 Buffers queued at once, 35 MB
 * of a long pack's peak. Here the text pieces are gathered, and written 64 kB at a time.
 *
 * pdfkit's _write() turns a string into bytes one per character ('binary') and adds a line
 * break, and counts the bytes in _offset (the cross-reference table's offsets): the same here.
 * A page's deflated content joins the text the same way, a character a byte, so a pack's
 * thousands of pages are written 64 kB at a time, not in two writes each (4,000 pages: 8,000
 * writes, ~80 ms).
 * A file that fails (a full disk, /dev/full) throws at the next flush, and again at every one.
 */
export class DocumentOutput {
  private text = '';
  private failed: unknown;
  private open = true;

  private constructor(private readonly fd: number) {}

  /** From now on, what `document` writes goes to `fd` (what it wrote before too). */
  static of(document: object, fd: number): DocumentOutput {
    const doc = document as Writer;
    const output = new DocumentOutput(fd);
    const written = doc.read();
    if (written) output.bytes(written);
    doc._write = (data) => {
      if (typeof data === 'string') {
        output.text += `${data}\n`;
        doc._offset += data.length + 1;
        if (output.text.length >= CHUNK) output.flush();
      } else {
        output.bytes(data);
        doc._offset += data.length;
      }
    };
    return output;
  }

  /** Writes what was gathered. */
  flush(): void {
    if (this.failed) throw this.failed;
    if (this.text === '') return;
    const text = this.text;
    this.text = '';
    this.write(Buffer.from(text, 'latin1'));
  }

  /** Writes what was gathered and closes the file. */
  close(): void {
    try {
      this.flush();
    } finally {
      if (this.open) closeSync(this.fd);
      this.open = false;
    }
  }

  /** Bytes (a deflated stream) join the text as one character a byte: one write for many pages, not two a page. */
  private bytes(data: Uint8Array): void {
    this.text += Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
    if (this.text.length >= CHUNK) this.flush();
  }

  private write(data: Uint8Array): void {
    try {
      for (let written = 0; written < data.length; ) written += writeSync(this.fd, data, written);
    } catch (error) {
      this.failed = error;
      if (this.open) closeSync(this.fd);
      this.open = false;
      throw error;
    }
  }
}
