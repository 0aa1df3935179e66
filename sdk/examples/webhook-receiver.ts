// A callback receiver: verifies the signatures on the raw body, then reads the typed, exact payload.
// IBANERA_HASH_SECRET is what `npx ibanera-server principals set-callback --username demo --url http://localhost:4000/hook` printed.
import { createServer } from 'node:http';
import { constructWebhookEvent, IbaneraWebhookError } from 'ibanera-server-sdk';

const hashSecret = process.env.IBANERA_HASH_SECRET ?? (console.error('set IBANERA_HASH_SECRET'), process.exit(2));

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const event = constructWebhookEvent(Buffer.concat(chunks), request.headers, hashSecret);
      response.writeHead(200).end(); // answer fast, work afterwards
      if (event.Type === 'FIAT_DEPOSIT_RECEIVED') console.log(`deposit of ${event.Data.Amount} on account ${event.Data.AccountsId}`);
      else console.log(event.Type, event.Id);
    } catch (error) {
      response.writeHead(error instanceof IbaneraWebhookError ? 400 : 500).end();
      console.error(String(error));
    }
  });
}).listen(4000, () => console.log('listening on http://localhost:4000/hook'));
