import { randomBytes } from 'node:crypto';
import type { AccountRow } from '../accounts/index.js';
import type { PayInBody } from './contract.js';

/** The simulated sender's bank; obviously sample data. */
const SIMULATED_SENDER = { routingNumber: '021000021', accountNumber: '000123456789', swiftCode: 'CHASUS33', name: 'Simulated Sender' };

/** A Fedwire-style IMAD: date, a source id and a sequence number. */
function imad(dateTime: string): string {
  return `${dateTime.slice(0, 10).replaceAll('-', '')}QMGFT015${randomBytes(3).toString('hex').toUpperCase()}`;
}

/** The rail's sub-object for the transaction detail view, as Ibanera's schema names its fields. */
export function payInDetails(input: PayInBody, account: AccountRow, dateTime: string): Record<string, unknown> {
  const senderName = input.Name ?? SIMULATED_SENDER.name;
  const reference = input.Reference ?? null;
  switch (input.TransferType) {
    case 'ACH':
      return {
        achTransferDetails: {
          paymentType: 'ACH',
          achTransactionType: 'Credit',
          direction: 'Inbound',
          accountNumber: account.account_number,
          originatorRoutingNumber: SIMULATED_SENDER.routingNumber,
          originatorName: senderName,
          receiverRoutingNumber: account.routing_number,
          receiverName: account.name,
        },
        reference,
      };
    case 'WIRE':
      return {
        wireTransferDetails: {
          wirePaymentType: 'Domestic',
          accountNumber: account.account_number,
          imad: imad(dateTime),
          senderRoutingNumber: SIMULATED_SENDER.routingNumber,
          senderName,
          receiverRoutingNumber: account.routing_number,
          receiverName: account.name,
          originatorName: senderName,
          beneficiaryName: account.name,
          completedAt: dateTime,
        },
        reference,
      };
    case 'SWIFT':
      return {
        externalTransferDetails: {
          paymentType: 'SWIFT',
          transferType: 'SWIFT',
          direction: 'Inbound',
          imad: null,
          senderAccountNumber: SIMULATED_SENDER.accountNumber,
          senderRoutingNumber: null,
          senderSwiftCode: SIMULATED_SENDER.swiftCode,
          senderIban: null,
          senderName,
          originatorName: senderName,
          receiverAccountNumber: account.account_number,
          receiverRoutingNumber: null,
          receiverSwiftCode: account.swift_code,
          receiverIban: null,
          receiverName: account.name,
          beneficiaryName: account.name,
          reference,
          completedAt: dateTime,
        },
        reference,
      };
  }
}
