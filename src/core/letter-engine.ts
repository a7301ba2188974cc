import Handlebars from 'handlebars';
import type { TemplateEngine } from './compose.js';

// A private instance with no helpers: a UA's letter may use sender.*, target.* and action.*
// (checked when the file is validated) and the block helpers, nothing else.
const engine = Handlebars.create();

/** Renders a UA's letter text strictly: an unknown name is an error, never an empty string. */
export const renderLetterTemplate: TemplateEngine = (source, scope) => engine.compile(source, { strict: true, noEscape: true })(scope);
