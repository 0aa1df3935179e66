/** What the simulation endpoints take, bound from the request. */
export type PayInTransferType = 'ACH' | 'WIRE' | 'SWIFT';

export interface PayInInput {
  readonly destinationAccountId: number;
  readonly transferType: PayInTransferType;
  readonly amount: bigint;
  readonly name?: string;
  readonly reference?: string;
}

export interface CryptoDepositInput {
  readonly destinationAccountId: number;
  readonly amount: bigint;
  readonly sourceAddress?: string;
  readonly complete: boolean;
}
