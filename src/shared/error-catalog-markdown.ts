import { MESSAGE_CODES } from './error-catalog.js';
import { say } from './error-messages.js';

/** Each sentence the binder and the services use, with example values (field `Amount`, limits…). */
function messageExamples(): string[] {
  const examples = [
    say.required('Name'),
    say.notA('bSavePayee', 'true or false'),
    say.oneOf('TransferType', ['ACH', 'WIRE', 'SWIFT']),
    say.tooLong('Name', 100, 120),
    say.tooShort('password', 12, 8),
    say.tooManyItems('accountsIds', 100, 101),
    say.range('PageNumber', 1, 2147483647),
    say.decimalSyntax('Amount'),
    say.decimalTooPrecise('Amount'),
    say.decimalTooLarge('Amount'),
    say.dateTime('FromDate'),
    say.nul('Reference'),
    say.repeated('Amount'),
    say.notAnObject('body'),
    say.amountDecimals('Amount', 3, 2, 'USD'),
    say.amountNegative('Amount'),
    say.amountTooLarge('Amount'),
    say.pageSize(1000),
  ];
  return examples.map((text) => `- ${text}`);
}

/** docs/error-codes.md, rendered from the catalog (a test fails when the file and the catalog differ). */
export function renderErrorCatalogMarkdown(): string {
  const rows = Object.entries(MESSAGE_CODES).map(
    ([code, info]) => `| \`${code}\` | ${info.httpStatus} | \`${info.errorType}\` | ${info.origin === 'ibanera' ? 'Ibanera' : 'ibanera-server'} | ${info.description} |`,
  );
  return [
    '# Error codes',
    '',
    '<!-- Generated from src/shared/error-catalog.ts by `npm run docs:generate`; do not edit by hand. -->',
    '',
    'Every error response is the envelope `{"id":0,"details":null,"status":"0","errors":[{"errorType","fieldName","messageCode","message"}]}`.',
    'The HTTP status and `errorType` follow from the `messageCode`. "Ibanera" codes appear in Ibanera\'s documentation;',
    '"ibanera-server" codes are ours, for cases the documentation does not name.',
    '',
    '| messageCode | HTTP | errorType | defined by | meaning |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '## Messages (ours)',
    '',
    "Each error item also carries `message`, one English sentence saying what is wrong; Ibanera's three fields are",
    'unchanged, so clients that match on `messageCode` keep working. Where no sentence of its own applies, the',
    'message is the meaning above, naming the field. The sentences of the request binder and the services:',
    '',
    ...messageExamples(),
    '',
    'A second login with a code that already logged in answers `Username_Or_Password_Incorrect` with the message',
    '"This one-time password has already been used to log in; wait for the next one (a new code every 30 seconds)."',
    'Messages never quote a submitted value (it may be a secret).',
    '',
  ].join('\n');
}
