import { Readable } from 'node:stream';
import type { SendReceipt } from '../../world.js';
import { asSmtpError } from './smtp-error.js';

export type Connection = InstanceType<typeof import('nodemailer/lib/smtp-connection').default>;

/**
 * One message over an open connection (MAIL FROM, RCPT TO, DATA). The message waits for
 * `onTransfer`; if that fails, the message never leaves. `broken` tells whether the connection
 * has failed meanwhile, so that a refused message resets only a connection that still works.
 */
export function sendMessage(
  connection: Connection,
  raw: Buffer,
  envelope: { from: string; to: string[] },
  onTransfer: () => Promise<void>,
  broken: () => boolean,
): Promise<SendReceipt> {
  let notRecorded: Error | undefined;
  const message = transferSignal(raw, () =>
    onTransfer().catch((error: Error) => {
      notRecorded = error;
      throw error;
    }),
  );
  return new Promise((resolve, reject) => {
    connection.send(envelope, message, (error, info) => {
      if (notRecorded) {
        // The message never left: closing now, before its end, makes the server drop it.
        connection.close();
        return reject(notRecorded);
      }
      if (error) {
        const failure = asSmtpError(error);
        // A refused message leaves the connection usable once the transaction is reset.
        const refused = failure.code === 'EENVELOPE' || failure.code === 'EMESSAGE';
        if (refused && !broken()) connection.reset(() => reject(Object.assign(failure, { rejected: rejectedOf(error) })));
        else reject(failure);
        return;
      }
      resolve({ accepted: (info.accepted ?? []).map(String), rejected: rejectedOf(info), response: info.response ?? '' });
    });
  });
}

/** Each address refused at RCPT TO, with its reply code. */
function rejectedOf(source: { rejected?: unknown[]; rejectedErrors?: { recipient?: string; responseCode?: number }[] }): SendReceipt['rejected'] {
  const codes = new Map((source.rejectedErrors ?? []).map((error) => [String(error.recipient), error.responseCode]));
  return (source.rejected ?? []).map((address) => ({ address: String(address), code: codes.get(String(address)) }));
}

/** The message as a stream that waits for `onTransfer` before its first byte goes. */
function transferSignal(raw: Buffer, onTransfer: () => Promise<void>): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      onTransfer().then(
        () => {
          this.push(raw);
          this.push(null);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}
