import { quoted } from '../../core/shown.js';
import { failure, usageError } from '../../errors.js';
import { lanAddresses } from '../../io/lan-addresses.js';
import type { Context } from '../context.js';
import type { ServeOptions } from './setup.js';

/**
 * Where to listen: this machine only (127.0.0.1), unless --lan: then the address towards the
 * room (the default route's interface), every candidate named so the organiser can pick
 * another with --host.
 */
export async function listenAddress(options: Pick<ServeOptions, 'lan' | 'host'>, ctx: Context): Promise<string> {
  const { t } = ctx;
  if (!options.lan) return '127.0.0.1';
  const candidates = lanAddresses();
  if (options.host !== undefined) {
    if (options.host === '127.0.0.1' || candidates.some((c) => c.address === options.host)) return options.host;
    throw usageError(
      t('serve.notAnAddress', { host: quoted(options.host) }),
      t('serve.candidates', { addresses: candidates.map((c) => `${c.address} (${c.iface})`).join(', ') || '127.0.0.1' }),
    );
  }
  const chosen = candidates[0];
  if (!chosen) throw failure(t('serve.noNetwork'), t('serve.noNetworkHint'));
  if (candidates.length > 1) ctx.note(t('serve.candidates', { addresses: candidates.map((c) => `${c.address} (${c.iface})`).join(', ') }));
  return chosen.address;
}
