import { parseArgs } from 'node:util';
import { expireDueRfis, RFI_NOTE_LENGTH_MAX, RFI_QUESTION_LENGTH_MAX, RFI_STATUSES, type RfiStatus } from '../rfis/index.js';
import type { Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';
import { stringifyExact } from '../shared/exact-json.js';
import { CliError, type CliIo } from './io.js';

export const RFIS_USAGE = `ibanera-server rfis <command>
  list [--status S] [--limit N] [--json]        information requests, newest first
  show ID [--json]                              one request: questions, answers, documents, the held item
  accept ID [--note TEXT]                       accept: the held item is released (it goes on)
  reject ID [--note TEXT]                       reject: the held item is refunded (rollback)
  ask ID --note TEXT [--question TEXT]...       send it back: More Information Required
  open --transaction ID                         open a request about a transaction (a pending one is held)
  expire                                        expire the requests past their expiryDate now`;

const LIST_LIMIT_DEFAULT = 50;
const LIST_LIMIT_MAX = 10_000;
const QUESTIONS_PER_ASK_MAX = 10;

interface RfiFlags {
  status?: string;
  limit?: string;
  json?: boolean;
  note?: string;
  question?: string[];
  transaction?: string;
  id?: string;
}

/** Compliance's side of information requests: review, decide, ask for more. */
export async function rfisCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  let flags: RfiFlags;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        status: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        note: { type: 'string' },
        question: { type: 'string', multiple: true },
        transaction: { type: 'string' },
        id: { type: 'string' },
      },
    });
    flags = parsed.values;
    positionals = parsed.positionals;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${RFIS_USAGE}`, 2);
  }
  try {
    await run(runtime, sub, flags, positionals[0] ?? flags.id, io);
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`refused: ${error.errors.map((e) => `${e.messageCode}${e.fieldName === '' ? '' : ` (${e.fieldName})`}`).join(', ')}`, 1);
    throw error;
  }
}

function idOf(text: string | undefined): number {
  const id = text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(id >= 1 && id <= 2_147_483_647)) throw new CliError(`an information request id is required\n${RFIS_USAGE}`, 2);
  return id;
}

function noteOf(note: string | undefined, required: boolean): string | undefined {
  const text = note?.trim();
  if (text === undefined || text === '') {
    if (required) throw new CliError(`--note is required\n${RFIS_USAGE}`, 2);
    return undefined;
  }
  if (text.length > RFI_NOTE_LENGTH_MAX) throw new CliError(`--note must be at most ${RFI_NOTE_LENGTH_MAX} characters`, 2);
  return text;
}

async function run(runtime: Runtime, sub: string | undefined, flags: RfiFlags, idText: string | undefined, io: CliIo): Promise<void> {
  const rfis = runtime.rfis;
  switch (sub) {
    case 'list':
      return list(runtime, flags, io);
    case 'show': {
      const details = await rfis.details('operator', idOf(idText));
      io.stdout(flags.json === true ? `${stringifyExact(details)}\n` : describe(details));
      return;
    }
    case 'accept':
    case 'reject': {
      const note = noteOf(flags.note, false);
      const decided = await rfis.decide('operator', idOf(idText), sub === 'accept' ? 'Accepted' : 'Rejected', note === undefined ? {} : { note }, {});
      io.stdout(`information request ${decided.id}: ${decided.status}${decided.rollbackTransactionId === null ? '' : ` (refund transaction ${decided.rollbackTransactionId})`}\n`);
      return;
    }
    case 'ask': {
      const note = noteOf(flags.note, true) as string;
      const questions = (flags.question ?? []).map((q) => q.trim());
      if (questions.length > QUESTIONS_PER_ASK_MAX || questions.some((q) => q === '' || q.length > RFI_QUESTION_LENGTH_MAX)) {
        throw new CliError(`at most ${QUESTIONS_PER_ASK_MAX} --question, each 1-${RFI_QUESTION_LENGTH_MAX} characters`, 2);
      }
      const decided = await rfis.decide('operator', idOf(idText), 'More Information Required', { note, questions }, {});
      io.stdout(`information request ${decided.id}: ${decided.status}\n`);
      return;
    }
    case 'open': {
      const details = await rfis.open('operator', { TransactionsId: idOf(flags.transaction) }, {});
      io.stdout(`information request ${details.id} (${details.status}) about transaction ${details.transactionsId}\n`);
      return;
    }
    case 'expire':
      io.stdout(`expired ${await expireDueRfis(runtime.database, runtime.clock, rfis)}\n`);
      return;
    case undefined:
    default:
      throw new CliError(RFIS_USAGE, 2);
  }
}

async function list(runtime: Runtime, flags: RfiFlags, io: CliIo): Promise<void> {
  const status = flags.status === undefined ? undefined : RFI_STATUSES.find((s) => s.toLowerCase() === flags.status?.toLowerCase());
  if (flags.status !== undefined && status === undefined) throw new CliError(`--status must be one of ${RFI_STATUSES.join(', ')}`, 2);
  const limit = flags.limit === undefined ? LIST_LIMIT_DEFAULT : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) throw new CliError(`--limit must be 1-${LIST_LIMIT_MAX}`, 2);
  const items = await runtime.rfis.listAll(status as RfiStatus | undefined, limit);
  if (flags.json === true) io.stdout(`${JSON.stringify(items)}\n`);
  else
    for (const r of items) io.stdout(`${r.id}  ${r.status.padEnd(25)} ${r.orderType.padEnd(4)} customer ${r.customersId} ${r.name}  added ${r.addDate}  expires ${r.expiryDate}\n`);
}

function describe(d: Awaited<ReturnType<Runtime['rfis']['details']>>): string {
  const lines = [
    `information request ${d.id}: ${d.status} (${d.orderType}, customer ${d.customersId} ${d.name})`,
    `  added ${d.addDate}, expires ${d.expiryDate}${d.dateSubmitted === null ? '' : `, submitted ${d.dateSubmitted}`}${d.dateDecided === null ? '' : `, decided ${d.dateDecided}`}`,
    `  about: ${d.transactionsId !== null ? `transaction ${d.transactionsId}` : d.exchangeId !== null ? `exchange ${d.exchangeId}` : 'nothing held'}${d.amount === null ? '' : ` ${d.amount.text} ${d.asset ?? ''}`}${d.description === null ? '' : ` (${d.description})`}`,
    ...(d.note === null ? [] : [`  note: ${d.note}`]),
    ...d.questions.map((q) => `  question ${q.id} [${q.answerType}${q.bRequired ? ', required' : ''}]: ${q.question}${q.answer === null ? '' : `\n    answer: ${q.answer}`}`),
    ...d.documents.map((doc) => `  document ${doc.id}: ${doc.fileName} ${doc.contentType} ${doc.sizeBytes} bytes sha256 ${doc.sha256}`),
  ];
  return `${lines.join('\n')}\n`;
}
