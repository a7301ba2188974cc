import { describe, expect, it } from 'vitest';
import { checkEmail, parseEmail } from '../../src/core/address.js';
import { t } from '../helpers/words.js';

describe('checkEmail', () => {
  it.each([
    'ana@example.org',
    'dboluarte@presidencia.gob.pe',
    'first.last+ua@sub.example.co.uk',
    "o'brien@example.ie",
    'ana@correo.españa.es',
    'ana@example.xn--p1ai',
    'ana@пример.рф',
    'ana@例え.テスト',
    'ana@CORREO.ESPAÑA.ES',
    'zoë@example.org',
    'zoë@correo.españa.es',
    '用户@例子.广告',
    'δοκιμή@παράδειγμα.δοκιμή',
  ])('accepts %s', (email) => {
    expect(checkEmail(t, email)).toBeUndefined();
  });

  it.each([
    ['ana@', 'not an email address'],
    ['ana', 'not an email address'],
    ['@example.org', 'not an email address'],
    ['Ana <ana@example.org>', 'not an email address'],
    ['a@x.org, b@y.org', 'one email address only (this holds several)'],
    ['a@x.org;b@y.org', 'one email address only (this holds several)'],
    ['x@a.org\r\nRCPT TO:<evil@b.org>', 'not an email address'],
    ['ana@example.org\n', 'not an email address'],
    ['a..b@x.org', 'not an email address'],
    ['.a@x.org', 'not an email address'],
    ['a.@x.org', 'not an email address'],
    ['[email protected]', 'not an email address'],
    ['"ana perez"@example.org', 'not an email address'],
    ['ana@[192.0.2.1]', 'not an email address'],
    ['ana@192.0.2.1', 'not an email address'],
    ['ana@localhost', 'not an email address'],
    ['ana@example.c', 'not an email address'],
    ['ana@example.org.', 'not an email address'],
    ['ana@-example.org', 'not an email address'],
    ['ana@exa_mple.org', 'not an email address'],
    // domainToASCII would decode %41 to "a", and drop a soft hyphen or a zero-width space.
    ['ana@ex%41mple.org', 'not an email address'],
    ['ana@exa\u00admple.org', 'not an email address'],
    ['ana@exa\u200bmple.org', 'not an email address'],
    // Not valid punycode: no domain has this name.
    ['ana@xn--zz.org', 'not an email address'],
    ['ana@exa mple.org', 'not an email address'],
    // UTF-8 local parts, less what does not show: a right-to-left override, a no-break space,
    // a zero-width joiner, a line separator, a C1 control (NEL).
    ['zo\u202eë@example.org', 'not an email address'],
    ['zo\u00a0ë@example.org', 'not an email address'],
    ['zo\u200dë@example.org', 'not an email address'],
    ['zo\u2028ë@example.org', 'not an email address'],
    ['zo\u0085ë@example.org', 'not an email address'],
    ['zoë..ana@example.org', 'not an email address'],
    // 64 is counted in octets: 33 × ë is 66.
    [`${'ë'.repeat(33)}@example.org`, 'not an email address (too long)'],
    [`${'a'.repeat(65)}@example.org`, 'not an email address (too long)'],
    [`ana@${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.org`, 'not an email address (too long)'],
  ])('refuses %j', (email, message) => {
    expect(checkEmail(t, email)).toBe(message);
  });
});

describe('parseEmail', () => {
  it('keeps the address as written, and its domain in A-labels for the wire', () => {
    expect(parseEmail(t, 'ana@correo.españa.es')).toEqual({ written: 'ana@correo.españa.es', wire: 'ana@correo.xn--espaa-rta.es', utf8: false });
    expect(parseEmail(t, 'ana@correo.xn--espaa-rta.es')).toEqual({ written: 'ana@correo.xn--espaa-rta.es', wire: 'ana@correo.xn--espaa-rta.es', utf8: false });
    expect(parseEmail(t, 'Ana@Example.ORG')).toEqual({ written: 'Ana@Example.ORG', wire: 'Ana@example.org', utf8: false });
  });

  it('marks a UTF-8 local part, which only SMTPUTF8 carries, and sends it in NFC', () => {
    expect(parseEmail(t, 'zoë@correo.españa.es')).toEqual({ written: 'zoë@correo.españa.es', wire: 'zoë@correo.xn--espaa-rta.es', utf8: true });
    expect(parseEmail(t, 'zoe\u0308@example.org')).toMatchObject({ wire: 'zo\u00eb@example.org', utf8: true });
  });

  it('maps what IDNA maps (full-width letters, ideographic full stops), as browsers do', () => {
    expect(parseEmail(t, 'ana@ｅｘａｍｐｌｅ。org')).toMatchObject({ wire: 'ana@example.org' });
  });

  it('counts the length of the wire form, whose A-labels are longer than what was written', () => {
    const written = `ana@${Array(10).fill('ñ'.repeat(20)).join('.')}.es`;
    expect(written.length).toBeLessThan(254);
    expect(checkEmail(t, written)).toBe('not an email address (too long)');
  });
});
