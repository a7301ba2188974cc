import { Readable } from 'node:stream';
import type { SendReceipt } from '../../world.js';
import { asSmtpError } from './smtp-error.js';

export type Connection = InstanceType<typeof import('nodemailer/lib/smtp-connection').default>;

/** One message on its way: the server's answer, and whether all of it may have reached the server. */
export interface Sending {
  receipt: Promise<SendReceipt>;
  /**
   * nodemailer has read the whole message, so the final dot may have gone. Until then the
   * server cannot have accepted it (SMTP: a message is taken only at its final dot): a
   * connection that fails before leaves it undelivered, not in doubt.
   */
  ended(): boolean;
}

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
): Sending {
  let notRecorded: Error | undefined;
  let ended = false;
  const message = transferSignal(raw, () =>
    onTransfer().catch((error: Error) => {
      notRecorded = error;
      throw error;
    }),
  );
  // The dot comes after the message's last byte: before the message is read to its end, it cannot have gone.
  message.once('end', () => {
    ended = true;
  });
  return { receipt: exchange(connection, message, envelope, () => notRecorded, broken), ended: () => ended };
}

function exchange(
  connection: Connection,
  message: Readable,
  envelope: { from: string; to: string[] },
  notRecordedBecause: () => Error | undefined,
  broken: () => boolean,
): Promise<SendReceipt> {
  return new Promise((resolve, reject) => {
    connection.send(envelope, message, (error, info) => {
      const notRecorded = notRecordedBecause();
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
