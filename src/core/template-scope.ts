/** What a letter template may use: sender.*, target.* and action.* with these fields. */
// Kept apart from the template checker, which needs the whole of Handlebars: composing a
// letter needs only this list.
export const TEMPLATE_SCOPE: Readonly<Record<string, readonly string[]>> = {
  sender: ['name', 'city', 'country', 'email', 'address', 'about', 'place'],
  target: ['id', 'name', 'title', 'organisation', 'salutation', 'address', 'email', 'phone', 'fax', 'social', 'contact_form'],
  action: ['id', 'index', 'title', 'country', 'issued', 'deadline', 'subjects', 'summary', 'asks', 'background'],
};

/** Lists whose items have fields (`{{#each action.subjects}}{{name}}{{/each}}`); every other list holds text. */
export const LIST_ITEM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'action.subjects': ['name', 'pronouns'],
};
