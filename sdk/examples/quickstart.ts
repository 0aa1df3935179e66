// Against a sandbox server (`npm start`), with the demo principal's credentials (`npx ibanera-server principals demo --json`):
// IBANERA_USERNAME=demo IBANERA_PASSWORD=… IBANERA_SECRET=… IBANERA_CUSTOMERS_ID=1 npx tsx sdk/examples/quickstart.ts
import { Ibanera } from 'ibanera-server-sdk';

const env = (name: string) => process.env[name] ?? (console.error(`set ${name}`), process.exit(2));
const ibanera = new Ibanera({
  baseUrl: process.env.IBANERA_URL ?? 'http://localhost:8080',
  username: env('IBANERA_USERNAME'),
  password: env('IBANERA_PASSWORD'),
  secret: env('IBANERA_SECRET'),
});

const me = Number(env('IBANERA_CUSTOMERS_ID'));
const open = async (name: string) => (await ibanera.accounts.create({ CustomersId: me, Name: name, Asset: 'USD' })).accounts[0]!.id;
const [checking, savings] = [await open('Checking'), await open('Savings')];

await ibanera.simulations.payIn({ DestinationAccountId: checking, TransferType: 'ACH', Amount: '1000.10' });
const transfer = await ibanera.transfers.internalFiat({ SourceAccountId: checking, DestinationAccountId: savings, Amount: '250.05', Reference: 'rent' });
console.log('transfer', transfer.transactionsId);

for await (const row of ibanera.accounts.transactions({ AccountsId: checking })) console.log(row.dateTime, row.amount, row.description);
for await (const balance of ibanera.accounts.balances()) console.log(balance.asset, balance.id, balance.availableBalance);
