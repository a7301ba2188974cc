import { describe, expect, it } from 'vitest';
import { offered } from '../../../src/io/mail/session.js';

describe('what an EHLO reply offers', () => {
  it.each<[string | false, boolean]>([
    ['250-mx.example.org Hello\n250-PIPELINING\n250-8BITMIME\n250 SMTPUTF8', true],
    ['250-mx.example.org Hello\n250-smtputf8\n250 8BITMIME', true],
    ['250-mx.example.org Hello\n250-PIPELINING\n250 8BITMIME', false],
    // The greeting line is the server's name and free text, not a keyword.
    ['250-mx.example.org says SMTPUTF8 soon\n250 8BITMIME', false],
    ['250 mx.example.org', false],
    [false, false],
  ])('%j: SMTPUTF8 %s', (ehlo, smtpUtf8) => {
    expect(offered(ehlo).smtpUtf8).toBe(smtpUtf8);
  });

  it.each<[string, boolean]>([
    ['250-mx.example.org Hello\n250-PIPELINING\n250 8BITMIME', true],
    ['250-mx.example.org Hello\n250-SIZE 35882577\n250 pipelining', true],
    ['250-mx.example.org PIPELINING\n250 8BITMIME', false],
  ])('%j: PIPELINING %s', (ehlo, pipelining) => {
    expect(offered(ehlo).pipelining).toBe(pipelining);
  });
});
