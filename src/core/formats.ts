// Every kind of file ua writes letters as, in one table: what `--format` accepts (compose and
// batch), what a name chosen at "Save it to a file" means, and the extension each file gets.
// The text-like ones are laid out by core/render.ts; pdf by io/pdf.ts; eml by io/mail.

/** Laid out from the templates (core/render.ts): one document, or one file per letter. */
export const TEXT_FORMATS = ['text', 'markdown', 'html', 'json'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];
/** Every output: the text-like ones, the print-ready PDF, drafts for a mail program, and a fax-ready PDF (io/pdf-fax.ts). */
export type OutputFormat = TextFormat | 'pdf' | 'eml' | 'fax';

interface FormatSpec {
  /** The extension a file of this format gets. */
  extension: string;
  /** Other extensions that mean it when a person names a file. */
  alsoRead?: readonly string[];
}

const FORMATS: Readonly<Record<OutputFormat, FormatSpec>> = {
  text: { extension: 'txt', alsoRead: ['text'] },
  markdown: { extension: 'md', alsoRead: ['markdown'] },
  html: { extension: 'html', alsoRead: ['htm'] },
  json: { extension: 'json' },
  pdf: { extension: 'pdf' },
  eml: { extension: 'eml' },
  // A PDF too, asked for by --format: a file named .pdf is the print layout (formatOfExtension).
  fax: { extension: 'pdf' },
};

/** `ua compose --format`, in the order its help lists them. */
export const COMPOSE_FORMATS: readonly OutputFormat[] = [...TEXT_FORMATS, 'pdf', 'eml', 'fax'];
/** `ua batch --format`: the print pack first (its default); drafts are not an evening's output. */
export const BATCH_FORMATS: readonly Exclude<OutputFormat, 'eml'>[] = ['pdf', ...TEXT_FORMATS, 'fax'];

/** "txt", "pdf": the extension of a file of this format, without its dot. */
export function extensionOf(format: OutputFormat): string {
  return FORMATS[format].extension;
}

/** A format a file's name can say: every one but fax, whose ".pdf" means the print layout. */
export type NamedFormat = Exclude<OutputFormat, 'fax'>;

/** The format a file's extension names (".TXT", "htm", "pdf"), or undefined for one ua does not write. */
export function formatOfExtension(extension: string): NamedFormat | undefined {
  const wanted = extension.replace(/^\./, '').toLowerCase();
  return (Object.keys(FORMATS) as OutputFormat[])
    .filter((format): format is NamedFormat => format !== 'fax')
    .find((format) => FORMATS[format].extension === wanted || FORMATS[format].alsoRead?.includes(wanted));
}
