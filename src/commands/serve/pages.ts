import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { MessageKey, Params, Translate } from '../../core/i18n.js';
import { PACKAGE_ROOT } from '../../io/paths.js';

/** The pages' templates (templates/serve/*.hbs), parsed once an evening; words come from `t`. */
export type Pages = (name: string, t: Translate, data: object) => string;

/**
 * A private Handlebars, strict (a name the data lacks is an error, never an empty field), with
 * HTML escaping on: whatever an attendee typed is shown as text. The one helper, `t`, takes the
 * page's words from the catalogue of the reader's language.
 */
export function pageTemplates(): { pages: Pages; css: string; tallyScript: string } {
  const dir = join(PACKAGE_ROOT, 'templates', 'serve');
  const engine = Handlebars.create();
  engine.unregisterHelper('lookup');
  engine.unregisterHelper('log');
  engine.registerHelper('t', (key: string, options: { hash: Params; data: { t: Translate } }) =>
    options.data.t(key as MessageKey as 'serve.page.title', options.hash),
  );
  engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const templates = new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith('.hbs'))
      .map((name) => [basename(name, '.hbs'), engine.compile(readFileSync(join(dir, name), 'utf8'), { strict: true })]),
  );
  const layout = templates.get('layout');
  const pages: Pages = (name, t, data) => {
    const body = templates.get(name);
    if (!body || !layout) throw new Error(`no page template ${name}`);
    const options = { data: { t }, allowProtoPropertiesByDefault: false };
    return layout({ ...data, body: body(data, options) }, options);
  };
  return { pages, css: readFileSync(join(dir, 'style.css'), 'utf8'), tallyScript: readFileSync(join(dir, 'tally.js'), 'utf8') };
}
