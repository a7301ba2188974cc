import { chooseListenAddress, type LanAddress } from '../../core/lan.js';
import { quoted } from '../../core/shown.js';
import { failure, usageError } from '../../errors.js';
import type { Context } from '../context.js';
import type { ServeOptions } from './setup.js';

/**
 * Where to listen: this machine only (127.0.0.1), unless --lan: then the address towards the
 * room (the default route's interface), every candidate named so the organiser can pick
 * another with --host. The choice is core/lan.ts's; this says it.
 */
export async function listenAddress(options: Pick<ServeOptions, 'lan' | 'host'>, ctx: Context): Promise<string> {
  const { t } = ctx;
  const candidates = options.lan ? (await import('../../io/lan-addresses.js')).lanAddresses() : [];
  const choice = chooseListenAddress(candidates, options);
  if ('none' in choice) throw failure(t('serve.noNetwork'), t('serve.noNetworkHint'));
  if ('refused' in choice) {
    const host = quoted(options.host ?? '');
    throw usageError(
      t(choice.refused === 'notIpv4' ? 'serve.notIpv4' : 'serve.notAnAddress', { host }),
      t('serve.candidates', { addresses: listed(choice.candidates) || '127.0.0.1' }),
    );
  }
  if (choice.others.length > 0) ctx.note(t('serve.candidates', { addresses: listed(candidates) }));
  return choice.host;
}

const listed = (candidates: readonly LanAddress[]) => candidates.map((c) => `${c.address} (${c.iface})`).join(', ');
