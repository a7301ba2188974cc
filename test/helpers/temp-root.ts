import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test's temporary folders (homes, journals, sheets, certificates, spawned runs) go into
 * one folder made for this run of the suite, and it is removed at the end, whatever failed:
 * the temp directory is left as it was found.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'ua-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
