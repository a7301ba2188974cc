import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { fakeWorld, run } from './helpers/world.js';

describe('argv → outcome', () => {
  it.each([
    [['--version'], 0, /^$/, new RegExp(`^${pkg.version.replace(/\./g, '\\.')}\n$`)],
    [['-V'], 0, /^$/, /^\d+\.\d+\.\d+\n$/],
    [['--help'], 0, /^$/, /Examples:[\s\S]*ua compose 105\.22/],
    [['compose', '--help'], 0, /^$/, /--answers <file>[\s\S]*Examples:/],
    [[], 2, /Usage: ua/, /^$/],
    [['frobnicate'], 2, /^ua: unknown command 'frobnicate'\n {2}Run "ua --help" to see its commands\.\n$/, /^$/],
    [['lsit'], 2, /^ua: unknown command 'lsit'\n {2}Did you mean list\? Run "ua --help" to see its commands\.\n$/, /^$/],
    [['feed', 'ad'], 2, /^ua: unknown command 'ad'\n {2}Did you mean add\? Run "ua feed --help" to see its commands\.\n$/, /^$/],
    [['compose'], 2, /^ua: missing required argument 'id'/, /^$/],
    [['compose', '105.22', '--bogus'], 2, /^ua: unknown option '--bogus'\n {2}Run "ua compose --help" to see its options\.\n$/, /^$/],
    [['compose', '105.22', '--nme', 'Ana'], 2, /^ua: unknown option '--nme'\n {2}Did you mean --name\? Run "ua compose --help" to see its options\.\n$/, /^$/],
    [['feed', 'add', 'x', 'https://x.example/', '--bogus'], 2, /^ua: unknown option '--bogus'\n {2}Run "ua feed add --help" to see its options\.\n$/, /^$/],
    [['--bogus'], 2, /^ua: unknown option '--bogus'\n {2}Run "ua --help" to see its options\.\n$/, /^$/],
    [['compose', '105.22', '--format', 'docx'], 2, /--format <format>: 'docx' is not one of text, markdown, html, json, pdf, eml/, /^$/],
    [['compose', '105.22', '--note', 'x', '--note-file', 'y'], 2, /cannot be used with/, /^$/],
    [['show', '106.22'], 2, /^ua: Unknown UA id "106\.22"\n {2}Did you mean 105\.22\? Run "ua list" to see UA ids\.\n$/, /^$/],
    [['show', 'UA 105/22'], 0, /^$/, /^UA 105\.22 — 18 killed during protests \(Peru\)/],
    [['show', '105.22', '--lang', 'de'], 2, /has no letter in "de"/, /^$/],
    [['--actions-dir', '/nonexistent/ua', 'list'], 2, /cannot read the UA folder \/nonexistent\/ua: no such file or folder/, /^$/],
  ])('%j → exit %i', async (argv, code, stderr, stdout) => {
    const result = await run(argv as string[], fakeWorld());
    expect(result.stderr).toMatch(stderr);
    expect(result.stdout).toMatch(stdout);
    expect(result.code).toBe(code);
  });

  it('the help shows no empty default (--actions-dir), and ua import takes web pages as well as text and PDF files', async () => {
    const help = (await run(['--help'], fakeWorld())).stdout;
    expect(help).toMatch(/--actions-dir <dir>/);
    expect(help).not.toMatch(/\(default: \)/);
    const importHelp = (await run(['import', '--help'], fakeWorld())).stdout;
    expect(importHelp).toMatch(/^Usage: ua import \[options\] <file\|url>$/m);
    expect(importHelp.replace(/\s+/g, ' ')).toContain('turn an Urgent Action (a web page, a PDF or a text file) into a UA file');
  });

  it('never shows a stack trace unless UA_DEBUG=1', async () => {
    const plain = await run(['show', '106.22'], fakeWorld());
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const captured = fakeWorld();
    captured.world = { ...captured.world, env: { ...captured.world.env, UA_DEBUG: '1' } };
    const debug = await run(['show', '106.22'], captured);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('an unexpected failure is one line, exit 1', async () => {
    const captured = fakeWorld({
      now: () => {
        throw new Error('clock broke');
      },
    });
    const result = await run(['list'], captured);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('ua: unexpected error: clock broke\n  This is a bug in ua. Rerun with UA_DEBUG=1 for details, and report it.\n');
  });
});
