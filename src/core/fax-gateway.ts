import type { Translate } from './i18n.js';

/**
 * An email-to-fax gateway, as the config file names it: `fax.gateway: "{number}@fax.example.net"`.
 * The service faxes each message's PDF attachment to the number in the address. `{number}` is the
 * number in E.164 without its "+" (12026598124), `{+number}` with it (+12026598124): services differ.
 */
export interface FaxGateway {
  /** The part before "@", with its one placeholder. */
  local: string;
  /** The gateway's domain, fixed by the template: no number can change it. */
  domain: string;
}

const PLACEHOLDER = /\{\+?number\}/g;
/** What may stand around the placeholder in the local part: an unquoted dot-atom's characters. */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** The template checked: exactly one {number} or {+number}, in the part before "@", and a valid domain after it. */
export function parseGateway(t: Translate, template: string): { gateway: FaxGateway } | { problem: string } {
  const at = template.lastIndexOf('@');
  const local = at < 0 ? template : template.slice(0, at);
  const domain = at < 0 ? '' : template.slice(at + 1);
  if ((template.match(PLACEHOLDER) ?? []).length !== 1 || (local.match(PLACEHOLDER) ?? []).length !== 1) return { problem: t('fax.gateway.onePlaceholder') };
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !/^[A-Za-z]{2,63}$/.test(labels.at(-1) ?? ''))
    return { problem: t('fax.gateway.badDomain') };
  const rest = local.replace(PLACEHOLDER, '0');
  if (!LOCAL.test(rest) || rest.startsWith('.') || rest.endsWith('.') || rest.includes('..')) return { problem: t('fax.gateway.badLocal') };
  return { gateway: { local, domain: domain.toLowerCase() } };
}

/**
 * The address a fax to this number goes to. The number is E.164 (a "+" and digits, as
 * core/phone.ts gives it): nothing in it can end the local part or name another domain.
 */
export function gatewayAddress(gateway: FaxGateway, e164: string): string {
  if (!/^\+[1-9]\d{1,14}$/.test(e164)) throw new Error(`not an E.164 number: ${e164}`);
  const local = gateway.local.replace(PLACEHOLDER, (placeholder) => (placeholder === '{+number}' ? e164 : e164.slice(1)));
  return `${local}@${gateway.domain}`;
}
