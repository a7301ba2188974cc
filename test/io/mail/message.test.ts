import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { composeLetters, type Letter } from '../../../src/core/compose.js';
import { type EmailOptions, type EmailPlan, planEmail } from '../../../src/core/email.js';
import type { Sender } from '../../../src/core/fields.js';
import { composeMessage } from '../../../src/io/mail/message.js';
import { locale, TODAY_DAY, ua105 } from '../../helpers/action.js';
import { aLetter } from '../../helpers/letter.js';
import { mailComposerMessage } from '../../helpers/mail-composer.js';
import { t } from '../../helpers/words.js';

// nodemailer's quoted-printable encoder, watched: what a message costs is what it encodes.
vi.mock('nodemailer/lib/qp', async (importOriginal) => {
  const original = await importOriginal<typeof import('nodemailer/lib/qp')>();
  return { ...original, encode: vi.fn(original.encode) };
});

// ua writes its messages itself (io/mail/message.ts); up to issue 21 nodemailer's MailComposer
// wrote them. For letters of every kind the bytes are the same, and a strict parser reads them.
const DATE = new Date('2026-11-28T10:00:00Z');
const ORGANISER: EmailOptions = { from: 'letters@amnesty-leeds.example' };

const SIGNERS: [string, Sender][] = [
  ['accents', { name: 'Łukasz Wróbel', city: 'Kraków', country: 'Polska', email: 'lukasz@example.org' }],
  ['CJK', { name: '山田 花子', city: '東京', country: '日本', email: 'hanako@example.jp', about: '私は看護師です' }],
  ['right to left', { name: 'فاطمة الزهراء', city: 'الرباط', country: 'المغرب', email: 'fatima@example.ma', note: 'אני כותבת מתל אביב.' }],
  ['ASCII specials', { name: 'Dr. "Ana" O\'Brien, Jr.', city: 'Leeds', country: 'United Kingdom', email: 'ana.obrien+ua@example.org' }],
  ['plain ASCII', { name: 'John Smith', city: 'York', country: 'United Kingdom', email: 'john@example.org' }],
  ['an IDN domain', { name: 'Zoë Müller', city: 'Genève', country: 'Suisse', email: 'zoe@correo.españa.es' }],
  ['a UTF-8 local part', { name: 'Zoë Müller', city: 'Zürich', country: 'Schweiz', email: 'zoë@example.ch' }],
  [
    'emoji and a long note',
    { name: 'Ana 🌻 Pérez', city: 'Leeds', country: 'Reino Unido', email: 'ana@example.org', note: `${'¿Cómo? «Sí», ñandú = 1 '.repeat(40)}\t ` },
  ],
];

/** Every letter of UA 105.22 (each language and target) for a signer, planned as a batch plans it. */
function realPlans(sender: Sender, options: EmailOptions = ORGANISER): EmailPlan[] {
  const action = ua105();
  return ['es', 'en', 'fr'].flatMap((lang) =>
    composeLetters({ t, action, lang, targets: action.targets, sender, today: TODAY_DAY, locale: locale(lang) }).map((letter) =>
      planEmail(t, letter, sender, { ...options, fromName: options.fromName ?? sender.name }),
    ),
  );
}

const made = (fields: Partial<Letter>): Letter => aLetter({ signature: ['Ana Pérez'], ...fields });
const ana: Sender = { name: 'Ana Pérez', city: 'Leeds', country: 'Reino Unido', email: 'ana@example.org' };

const EDGES: [string, EmailPlan][] = [
  [
    'a short ASCII letter (7bit)',
    planEmail(
      t,
      made({ subject: 'Urgent Action', recipient: ['Minister'], salutation: 'Dear Minister,', signature: ['Ann'] }),
      { ...ana, name: 'Ann', city: 'York', country: 'UK' },
      ORGANISER,
    ),
  ],
  ['a long ASCII subject, folded', planEmail(t, made({ subject: `Urgent Action 901.26: ${'release the protesters now '.repeat(6)}` }), ana, ORGANISER)],
  ['a long subject in Greek', planEmail(t, made({ subject: `Επείγουσα Δράση 901.26: ${'απελευθερώστε τους διαδηλωτές '.repeat(5)}` }), ana, ORGANISER)],
  ['a subject in Japanese', planEmail(t, made({ subject: '緊急行動 901.26：抗議者を直ちに釈放してください。'.repeat(3) }), ana, ORGANISER)],
  ['a subject that looks encoded', planEmail(t, made({ subject: 'Acción =?utf-8?Q?no?= 100% =?x' }), ana, ORGANISER)],
  ['a rehearsal (--test-to)', planEmail(t, made({}), ana, { ...ORGANISER, testTo: 'me@example.org' })],
  ['a rehearsal to a UTF-8 mailbox', planEmail(t, made({}), ana, { ...ORGANISER, testTo: 'josé@correo.españa.es' })],
  [
    'two targets, one named at length',
    planEmail(
      t,
      made({ to: ['a@justicia.example', 'b@justicia.example'], recipient: ['Excelentísima Señora Ministra de Justicia y Derechos Humanos'] }),
      ana,
      ORGANISER,
    ),
  ],
  ['a body longer than nodemailer’s 64 kB slice', planEmail(t, made({ paragraphs: ['ñ'.repeat(32767), `${'a '.repeat(40000)}`, 'fin'] }), ana, ORGANISER)],
  [
    'lines of exactly 76 characters, = and trailing spaces',
    planEmail(t, made({ paragraphs: ['x'.repeat(76), `${'y'.repeat(75)}=`, 'a = b   ', `${'z'.repeat(73)}ñ`] }), ana, ORGANISER),
  ],
];

const CASES: [string, EmailPlan, boolean][] = [
  ...SIGNERS.flatMap(([what, sender]) =>
    realPlans(sender).map((plan): [string, EmailPlan, boolean] => [`${what}: ${plan.letter.lang} to ${plan.letter.targetId}`, plan, false]),
  ),
  ...EDGES.map(([what, plan]): [string, EmailPlan, boolean] => [what, plan, false]),
  // A draft (.eml): X-Unsent, and without --from no From at all.
  ...realPlans(SIGNERS[1]?.[1] ?? ana, {}).map((plan): [string, EmailPlan, boolean] => [
    `a draft without From: ${plan.letter.lang} to ${plan.letter.targetId}`,
    plan,
    true,
  ]),
];

describe('the message as ua writes it', () => {
  it.each(CASES)('%s: the same bytes as nodemailer’s MailComposer', async (_, plan, draft) => {
    const written = composeMessage(plan, DATE, draft);
    expect(written.toString('latin1')).toBe((await mailComposerMessage(plan, DATE, draft)).toString('latin1'));
  });

  it('every one parses without a defect under Python’s email policy.strict, to the headers and body that were planned', () => {
    const messages = CASES.map(([, plan, draft]) => composeMessage(plan, DATE, draft).toString('base64'));
    const script = [
      'import base64, email, email.policy, json, sys',
      // Python reads a header's raw UTF-8 (RFC 6532) as escaped bytes: back to text.
      'utf8 = lambda s: s.encode("utf-8", "surrogateescape").decode("utf-8")',
      'out = []',
      'for raw in json.load(sys.stdin):',
      '    m = email.message_from_bytes(base64.b64decode(raw), policy=email.policy.strict)',
      '    defects = len(m.defects) + sum(len(p.defects) for p in m.walk())',
      '    out.append([defects, str(m["Subject"]), [utf8(a.addr_spec) for a in m["To"].addresses], [a.display_name for a in m["To"].addresses], m.get_content()])',
      'json.dump(out, sys.stdout)',
    ].join('\n');
    const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(messages), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as [
      number,
      string,
      string[],
      string[],
      string,
    ][];
    parsed.forEach(([defects, subject, addresses, names, body], i) => {
      const [what, plan] = CASES[i] as [string, EmailPlan, boolean];
      // Python keeps the folding space between two encoded words of a display name, which RFC 2047 (6.2) drops: compared without it.
      const spaced = (list: string[]) => list.map((name) => name.replace(/ {2,}/g, ' '));
      expect({ what, defects, subject, names: spaced(names) }).toEqual({ what, defects: 0, subject: plan.subject, names: plan.to.map((m) => m.name ?? '') });
      expect(addresses.map((a) => a.normalize('NFC'))).toEqual(plan.to.map((m) => (m.utf8 ? m.address : m.wire)));
      expect(body.replace(/\r\n/g, '\n'), what).toBe(plan.text);
    });
  });

  it('keeps every line within 78 characters and ends each with CRLF', () => {
    for (const [what, plan, draft] of CASES) {
      const raw = composeMessage(plan, DATE, draft).toString('utf8');
      expect(raw.replace(/\r\n/g, ''), what).not.toMatch(/[\r\n]/);
      const longest = Math.max(...raw.split('\r\n').map((line) => line.length));
      expect(longest, what).toBeLessThanOrEqual(78);
    }
  });
});

describe('bodies of every shape, encoded line by line', () => {
  it('200 random bodies (spaces and tabs at line ends, =, CR, accents, emoji, lines around 76): the same bytes as MailComposer', async () => {
    let seed = 2026;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['a', 'word ', ' ', '\t', '=', '.', 'ñ', 'é', '🌻', '\n', '\r', '\r\n', 'x'.repeat(70), 'y '.repeat(40), '=C3'];
    for (let i = 0; i < 200; i++) {
      const paragraphs = Array.from({ length: 1 + next(4) }, () => Array.from({ length: next(30) }, () => pieces[next(pieces.length)]).join(''));
      const plan = planEmail(t, made({ paragraphs }), ana, ORGANISER);
      const written = composeMessage(plan, DATE).toString('latin1');
      expect(written, JSON.stringify(paragraphs)).toBe((await mailComposerMessage(plan, DATE)).toString('latin1'));
    }
  });
});

describe('the cost of a message', () => {
  it('a second signer’s letter to the same official: only the lines that differ are encoded again', async () => {
    const encoded = vi.mocked((await import('nodemailer/lib/qp')).encode);
    try {
      const [first, second] = ['Signer Núñez 1', 'Signer Núñez 2'].map((name) => {
        const sender: Sender = { name, city: 'Málaga', country: 'España', email: `${name.replace(/\W/g, '')}@example.org` };
        return realPlans(sender)[0] as EmailPlan;
      });
      composeMessage(first as EmailPlan, DATE);
      encoded.mockClear();
      const message = composeMessage(second as EmailPlan, DATE);
      const bytes = encoded.mock.calls.reduce((sum, [input]) => sum + Buffer.byteLength(input as Buffer), 0);
      // Its name, its city: a few lines of the thousands of bytes of the letter.
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(Buffer.byteLength((second as EmailPlan).text) / 5);
      expect(message.toString('latin1')).toBe((await mailComposerMessage(second as EmailPlan, DATE)).toString('latin1'));
    } finally {
      encoded.mockClear();
    }
  });
});
