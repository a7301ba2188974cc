import type { ErrorObject } from 'ajv';
import validateSchema from '../generated/validate-action.js';
import type { PlainKey, Translate } from './i18n.js';
import type { Found, PathSegment } from './problems.js';

// What actions/action.schema.json says of a UA file (through the validator the build compiles
// from it), each error worded for a person and placed at its key or value.

export function schemaProblems(t: Translate, data: unknown): Found[] {
  if (validateSchema(data)) return [];
  const errors = validateSchema.errors ?? [];
  // A failed oneOf also reports each branch's failure; the oneOf's own message says it better.
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  return errors
    .filter((e) => e.keyword === 'oneOf' || !oneOfPaths.includes(e.instancePath))
    .filter((e) => e.keyword !== 'if' && !(e.keyword === 'propertyNames' && errors.some((o) => o !== e && o.instancePath === e.instancePath && o.propertyName)))
    .map((error) => describeSchemaError(t, error));
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describeSchemaError(t: Translate, error: ErrorObject): Found {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const message = properties ? t('schema.unknownKeyExpected', { keys: Object.keys(properties).join(', ') }) : t('schema.unknownKey');
      return { path: [...path, String(params.additionalProperty)], at: 'key', message };
    }
    case 'required':
      return { path, at: 'value', message: t('schema.missingKey', { key: String(params.missingProperty) }) };
    case 'type': {
      const wanted = String(params.type).split(',');
      const type = wanted.map((name) => typeName(t, name)).reduce((first, second) => t('schema.or', { first, second }));
      const read = typeof error.data;
      return wanted[0] === 'string' && read !== 'object'
        ? { path, at: 'value', message: t('schema.mustBeQuote', { type, read: typeName(t, read) }) }
        : { path, at: 'value', message: t('schema.mustBe', { type }) };
    }
    case 'propertyNames':
      return { path: [...path, String(error.propertyName ?? params.propertyName)], at: 'key', message: t('schema.notAllowedKey') };
    case 'pattern':
    case 'format': {
      const what = PATTERNS[String(params.pattern ?? params.format)];
      const value = String(error.data);
      return { path, at: 'value', message: what ? t('schema.notValidAs', { value, what: t(what) }) : t('schema.notValid', { value }) };
    }
    case 'oneOf':
      // Two oneOfs: text or text per language (titles), a list or lists per language (asks).
      return { path, at: 'value', message: t(path.at(-1) === 'asks' ? 'schema.listOrMapping' : 'schema.textOrMapping') };
    case 'minItems':
    case 'minLength':
    case 'minProperties':
      return { path, at: 'value', message: t('schema.empty') };
    case 'enum':
      return { path, at: 'value', message: t('schema.oneOf', { values: (params.allowedValues as unknown[]).join(', ') }) };
    default:
      return { path, at: 'value', message: t('schema.invalid') };
  }
}

/** What each pattern of actions/action.schema.json asks for, in words. */
const PATTERNS: Readonly<Record<string, PlainKey>> = {
  '^[0-9]{1,4}[./][0-9]{2}$': 'schema.what.uaId',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'schema.what.date',
  '^[a-z]{2}$': 'schema.what.lang',
  '^https?://[^\\s]+$': 'schema.what.url',
  '^[a-z][a-z0-9-]*$': 'schema.what.targetId',
  email: 'schema.what.email',
  '^(UTC|[A-Z][A-Za-z_-]*(/[A-Za-z0-9_+-]+)+)$': 'schema.what.timezone',
  '^#?[^\\s#]+$': 'schema.what.hashtag',
};

const TYPES: Readonly<Record<string, PlainKey>> = {
  string: 'schema.type.string',
  number: 'schema.type.number',
  integer: 'schema.type.integer',
  boolean: 'schema.type.boolean',
  object: 'schema.type.object',
  array: 'schema.type.array',
  null: 'schema.type.null',
};

function typeName(t: Translate, type: string): string {
  const key = TYPES[type];
  return key ? t(key) : type;
}

// 2. Rules across fields, which a schema cannot express. Written defensively: the data may
// also have failed the schema, and every problem is reported at once.
