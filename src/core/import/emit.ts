import { Document } from 'yaml';
import type { Imported } from './extract.js';

/**
 * The UA file: the schema line, the warnings as comments at the top, and a "check" comment on
 * every value that was worked out rather than read from the document.
 */
export function toYaml(imported: Imported, source: string): string {
  const doc = new Document(imported.data);
  const header = [
    'yaml-language-server: $schema=./action.schema.json',
    `Imported by "ua import" from ${source}. Check every value against the document;`,
    'then "ua validate" this file.',
    ...(imported.warnings.length > 0
      ? [
          '',
          'What the import could not find, or is unsure of:',
          ...imported.warnings.map((w) => `  line ${w.line}: ${w.path ? `${w.path}: ` : ''}${w.message}`),
        ]
      : []),
  ];
  doc.commentBefore = header.map((line) => (line ? ` ${line}` : '')).join('\n');
  for (const [path, note] of imported.derived) {
    const node = doc.getIn(pathOf(path), true) as { comment?: string } | undefined;
    if (node && typeof node === 'object') node.comment = ` check: ${note}`;
  }
  // Quote text YAML would read as something else (ids, phone numbers stay text).
  return doc.toString({ lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
}

/** "targets[1].salutation" → ['targets', 1, 'salutation'] */
function pathOf(path: string): (string | number)[] {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
