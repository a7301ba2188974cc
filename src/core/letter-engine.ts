import Handlebars from 'handlebars';
import type { TemplateEngine } from './compose.js';

// A private instance with only the block helpers: a UA's letter may use sender.*, target.* and
// action.* (checked when the file is validated) with #if, #unless, #each and #with. `lookup`
// and `log` would reach past what the validator can check; they are removed.
const engine = Handlebars.create();
engine.unregisterHelper('lookup');
engine.unregisterHelper('log');

/** Renders a UA's letter text strictly: an unknown name is an error, never an empty string. */
export const renderLetterTemplate: TemplateEngine = (source, scope) => engine.compile(source, { strict: true, noEscape: true })(scope);
