// A minimal SMTP server for the benchmarks: it answers every command at once and keeps nothing,
// so a measurement shows the client's cost (ua's, with its journal), not a server's. It speaks
// just enough ESMTP for a pipelining client: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
import { createServer } from 'node:net';

export async function startInstantSmtp() {
  let received = 0;
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    socket.write('220 instant ESMTP\r\n');
    const session = { inData: false, buffer: '' };
    socket.on('data', (chunk) => {
      session.buffer += chunk.toString('latin1');
      const replies = answer(session, () => received++);
      if (replies.endsWith('221 bye\r\n')) socket.end(replies);
      else if (replies) socket.write(replies);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(resolve);
      }),
  };
}

/** The replies to everything complete in the buffer, in order; the rest waits for more bytes. */
function answer(session, onMessage) {
  let replies = '';
  for (;;) {
    const end = session.buffer.indexOf(session.inData ? '\r\n.\r\n' : '\r\n');
    if (end < 0) return replies;
    const command = session.buffer.slice(0, end).toUpperCase();
    session.buffer = session.buffer.slice(end + (session.inData ? 5 : 2));
    if (session.inData) {
      session.inData = false;
      onMessage();
      replies += '250 2.0.0 queued\r\n';
    } else if (command.startsWith('EHLO')) replies += '250-instant\r\n250-PIPELINING\r\n250 8BITMIME\r\n';
    else if (command.startsWith('DATA')) {
      session.inData = true;
      replies += '354 go ahead\r\n';
    } else if (command.startsWith('QUIT')) return `${replies}221 bye\r\n`;
    else replies += '250 OK\r\n';
  }
}
