import { parseArgs } from 'node:util';
import { operatorCardAction } from '../cards/index.js';
import type { Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';
import { CliError, type CliIo } from './io.js';

export const CARDS_USAGE = `ibanera-server cards <command> --card N
  approve --card N --status Approved|Rejected   decide a managee card's request (MANAGEE_CARD_APPROVAL_UPDATED)
  suspend --card N                              suspend a card (no purchases, no transfers)
  reinstate --card N                            a suspended card becomes Deactivated (its PIN lock is lifted)
  close --card N                                close a card for good`;

/** The operator's side of the card lifecycle. */
export async function cardsCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  let flags: { card?: string; status?: string };
  try {
    flags = parseArgs({ args: rest, options: { card: { type: 'string' }, status: { type: 'string' } } }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${CARDS_USAGE}`, 2);
  }
  const cardsId = Number(flags.card);
  if (!/^\d{1,10}$/.test(flags.card ?? '') || cardsId === 0) throw new CliError(`--card is required\n${CARDS_USAGE}`, 2);
  try {
    if (sub === 'approve') {
      const status = flags.status === 'Approved' || flags.status === 'Rejected' ? flags.status : null;
      if (status === null) throw new CliError(`--status must be Approved or Rejected\n${CARDS_USAGE}`, 2);
      await runtime.cards.decideApprovalAsOperator(cardsId, status);
      io.stdout(`card ${cardsId}: ${status}\n`);
      return;
    }
    if (sub !== 'suspend' && sub !== 'reinstate' && sub !== 'close') throw new CliError(CARDS_USAGE, 2);
    io.stdout(`card ${cardsId}: ${await operatorCardAction(runtime.database, cardsId, sub)}\n`);
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`card ${cardsId}: ${error.messageCode}`, 1);
    throw error;
  }
}
