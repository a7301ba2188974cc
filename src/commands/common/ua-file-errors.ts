import { LetterTemplateError } from '../../core/compose.js';
import type { Translate } from '../../core/i18n.js';
import { dataError } from '../../errors.js';

/**
 * A letter template that cannot be rendered is a problem of its UA file (exit 2, the file
 * and field named), never a bug in ua. Validation renders every template, so this is a file
 * edited since, or a branch only some senders reach.
 */
export function asUaFileError(t: Translate, error: unknown, file: string): unknown {
  if (!(error instanceof LetterTemplateError)) return error;
  return dataError(`${file}: ${error.path.join('.')}: ${error.message}`, t('validate.runValidate', { file }));
}
