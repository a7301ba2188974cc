/** A catalogue, flattened: "send.delivered" → its text, or its plural forms. */
export type Catalogue = Record<string, string | Record<string, string>>;
export function flatten(value: unknown, prefix?: string): [string, string | Record<string, string>][];
export function readCatalogues(dir: string): Record<string, Catalogue>;
export function checkCatalogues(catalogues: Record<string, Catalogue>): string[];
