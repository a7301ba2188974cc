import { describe, expect, it } from 'vitest';
import { offersSmtpUtf8 } from '../../../src/io/mail/session.js';

describe('offersSmtpUtf8', () => {
  it.each<[string | false, boolean]>([
    ['250-mx.example.org Hello\n250-PIPELINING\n250-8BITMIME\n250 SMTPUTF8', true],
    ['250-mx.example.org Hello\n250-smtputf8\n250 8BITMIME', true],
    ['250-mx.example.org Hello\n250-PIPELINING\n250 8BITMIME', false],
    // The greeting line is the server's name and free text, not a keyword.
    ['250-mx.example.org says SMTPUTF8 soon\n250 8BITMIME', false],
    ['250 mx.example.org', false],
    [false, false],
  ])('%j: %s', (ehlo, offered) => {
    expect(offersSmtpUtf8(ehlo)).toBe(offered);
  });
});
