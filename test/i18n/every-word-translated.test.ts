import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every word a person reads comes from templates/ui/<lang>.yaml. This scan of src/ fails on
// text written inline: any literal that reads like prose, and any word handed to something
// that prints (say, note, write, an error, a message: or hint: field). What may stay is
// listed below, each with its reason; a bug's own message (new Error) is for developers.

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** Text that is data, not interface: file:text → why. */
const ALLOWED: Readonly<Record<string, string>> = {
  // Outcome and journal state identifiers, written to the journal and JSON; their words come from outcome.*.
  'commands/batch/outcomes.ts:already sent': 'an outcome id',
  'io/mail/delivery.ts:already sent': 'an outcome id',
  'io/mail/delivery.ts:not sent': 'an outcome id',
  'commands/send/results.ts:already sent': 'an outcome id',
  'commands/send/results.ts:partly sent': 'an outcome id',
  'commands/send/results.ts:not sent': 'an outcome id',
  'commands/send/send.ts:already sent': 'an outcome id',
  'commands/send/send.ts:partly sent': 'an outcome id',
  'core/journal-entries.ts:partly sent': 'a journal state',
  'core/outcomes.ts:partly sent': 'a journal state',
  'core/submission.ts:partly sent': 'a journal state, as a submission counts it',
  'core/journal-line.ts:partly sent': 'a journal state',
  'core/report.ts:partly sent': 'a journal state',
  'commands/common/outcome-words.ts:partly sent': 'a journal state',
  // tally.csv is read by spreadsheets and scripts: its values are stable ids (its headings are translated).
  'commands/batch/print.ts:post (unsigned)': 'a tally.csv channel',
  'commands/compose/compose.ts:--name, --city, --country': 'flags, as typed',
  // SMTP commands, as the protocol spells them (RFC 5321).
  'io/mail/transaction.ts:MAIL FROM:<\u0000>\u0000': 'an SMTP command',
  'io/mail/transaction.ts:RCPT TO:<\u0000>': 'an SMTP command',
  // The message's own header, the same in every language.
  'io/mail/message.ts:Content-Type: text/plain; charset=utf-8': 'a MIME header',
  // The media types of `ua serve`'s answers.
  'commands/serve/server.ts:text/plain; charset=utf-8': 'a media type',
  'commands/serve/server.ts:text/css; charset=utf-8': 'a media type',
  'commands/serve/site.ts:text/html; charset=utf-8': 'a media type',
  'commands/serve/organiser.ts:text/javascript; charset=utf-8': 'a media type',
  "commands/serve/organiser.ts:default-src 'none'; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'":
    'a Content-Security-Policy header',
  'io/prompter.ts:toggle visibility': "Inquirer's name for a key's action, translated through the catalogue",
  // Names volunteers type for their country, recognised in any interface language.
  'core/countries.ts:great britain': 'a country name as typed',
  'core/countries.ts:united states of america': 'a country name as typed',
  // A sample sender the validator renders every letter with; never shown.
  'core/validate-action.ts:Ana Pérez': 'sample data',
  'core/validate-action.ts:United Kingdom': 'sample data',
  'core/validate-action.ts:1 High Street': 'sample data',
  'core/validate-action.ts:I teach history.': 'sample data',
  // The letter's language, not the interface's: a subject line and a salutation.
  'core/import/extract.ts:Acción Urgente': "the letter's language",
  'core/import/extract.ts:Action urgente': "the letter's language",
  'core/import/extract.ts:Urgent Action': "the letter's language",
  'core/import/extract.ts:Madame, Monsieur,': "the letter's language",
  'core/import/emit.ts:yaml-language-server: $schema=./action.schema.json': 'a directive for editors',
  // Commander's headings, matched to be replaced by the catalogue's.
  'cli-help.ts:Global Options:': "commander's text, replaced",
};

/** Tables of data: the country names the import recognises in documents, in several languages. */
// A submission's outcomes are codes of the format ("partly sent"), not words shown as they are.
const DATA_TABLES = new Set([
  'core/import/extract.ts:COUNTRIES',
  'core/import/extract.ts:LOCAL_NAMES',
  'core/submission.ts:OUTCOMES',
  'commands/common/outcome-words.ts:SUBMITTED_OUTCOME_KEYS',
]);

const PRINTS = /(^|\.)(say|note|write|warn|usageError|dataError|failure|cancelled|systemError|UaError)$/;
/** Where a template literal has a ${…}. */
const HOLE = '\u0000';
const ERROR_KINDS = new Set(['usage', 'data', 'failure', 'cancelled']);
const PROSE = /\p{L}{3,}[\s\S]*\s[\s\S]*\p{L}{2,}/u;

interface Found {
  at: string;
  text: string;
}

function inlineText(file: string): Found[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const words = ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(HOLE)
        : (node as ts.StringLiteral).text;
      if (isReadable(node, words) && !isBugMessage(node) && !isStructural(node) && !inDataTable(file, node)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ at: `${file}:${line}`, text: words });
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter(({ text: words }) => !ALLOWED[`${file}:${words}`]);
}

/** Prose anywhere; a single word where it is printed or becomes a message. */
function isReadable(node: ts.Node, text: string): boolean {
  // Flags, the program's name ("ua: …", "UA 105.22") and placeholders are the same in every language.
  const words = text.replace(/--[a-z-]+|\b(ua|UA)\b/g, ' ');
  // Without a space between its words it is a path, a URL or a key ("/proc/<pid>/stat").
  if (PROSE.test(words.replaceAll(HOLE, ' ')) && /\s/.test(text.replaceAll(HOLE, ''))) return true;
  if (!/\p{L}{2,}/u.test(words) || ERROR_KINDS.has(text)) return false;
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && /^(message|hint|label|title|question)$/.test(parent.name.getText())) return true;
  return ts.isCallExpression(parent) && PRINTS.test(parent.expression.getText()) && parent.arguments.includes(node as ts.Expression);
}

/** `new Error("…")`: a bug's message, for whoever fixes it. */
function isBugMessage(node: ts.Node): boolean {
  for (let up = node.parent; up && !ts.isSourceFile(up); up = up.parent) {
    if (ts.isNewExpression(up) && up.expression.getText() === 'Error') return true;
    if (ts.isBlock(up)) return false;
  }
  return false;
}

function inDataTable(file: string, node: ts.Node): boolean {
  for (let up = node.parent; up && !ts.isSourceFile(up); up = up.parent) {
    if (ts.isVariableDeclaration(up)) return DATA_TABLES.has(`${file}:${up.name.getText()}`);
  }
  return false;
}

/** Imports, types, and literals that are keys, flags, ids or commands as typed. */
function isStructural(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent) || ts.isImportTypeNode(parent.parent)) return true;
  const text = node.getText();
  // A command as typed, or a catalogue key (or a file name: "tally.csv").
  return /^['"`](ua |UA_SMTP_PASSWORD=)/.test(text) || /^['"`][a-z][a-zA-Z]*(\.[a-zA-Z0-9]+)+['"`]$/.test(text);
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith('generated'))
    .map((file) => relative(SRC, join(SRC, file)));
}

describe('every word a person reads goes through the catalogue', () => {
  it('src/ writes no interface text inline', () => {
    const inline = sourceFiles().flatMap(inlineText);
    expect(inline).toEqual([]);
  });

  it('the scan finds inline text (it would fail on a message written in the code)', () => {
    const probe = ts.createSourceFile('probe.ts', "say('Wrote the letters.'); failure('missing'); t('compose.wrote');", ts.ScriptTarget.Latest, true);
    const texts: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) && isReadable(node, node.text)) texts.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(probe);
    expect(texts).toEqual(['Wrote the letters.', 'missing']);
  });
});
