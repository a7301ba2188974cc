import { Document } from 'yaml';
import type { Translate } from '../i18n.js';
import type { Imported } from './extract.js';

/**
 * The UA file: the schema line, the warnings as comments at the top, and a "check" comment on
 * every value that was worked out rather than read from the document.
 */
export function toYaml(t: Translate, imported: Imported, source: string): string {
  const doc = new Document(imported.data);
  const header = [
    'yaml-language-server: $schema=./action.schema.json',
    t('import.header', { source }),
    t('import.header2'),
    ...(imported.warnings.length > 0
      ? [
          '',
          t('import.unsure'),
          ...imported.warnings.map((w) => `  ${t('import.atLine', { line: w.line, message: `${w.path ? `${w.path}: ` : ''}${w.message}` })}`),
        ]
      : []),
  ];
  doc.commentBefore = header.map((line) => (line ? ` ${line}` : '')).join('\n');
  for (const [path, note] of imported.derived) {
    const node = doc.getIn(pathOf(path), true) as { comment?: string } | undefined;
    if (node && typeof node === 'object') node.comment = ` ${t('import.check', { note })}`;
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
