import { describe, expect, it } from 'vitest';
import { withoutCredentials } from '../../src/core/shown.js';

describe('an address as messages show it: never with its user name and password', () => {
  it.each([
    ['https://ana:s3cret@example.org/ua/105-22?x=1', 'https://example.org/ua/105-22?x=1'],
    ['http://ana@127.0.0.1:8080/ua.txt', 'http://127.0.0.1:8080/ua.txt'],
    ['ftp://ana:s3cret@example.org/x', 'ftp://example.org/x'],
    // Not a URL at all (a bracket never closed): whatever looks like user:password@ still goes.
    ['http://ana:s3cret@[::1/x', 'http://[::1/x'],
    // An error's words that quote an address.
    ['Invalid URL: http://ana:s3cret@exa mple.org/', 'Invalid URL: http://exa mple.org/'],
    ['https://example.org/a@b', 'https://example.org/a@b'],
    ['not an address', 'not an address'],
  ])('%s', (address, shown) => {
    expect(withoutCredentials(address)).toBe(shown);
    expect(withoutCredentials(address)).not.toContain('s3cret');
  });
});
