import { Type } from '@sinclair/typebox';
import { DecimalOut, Nullable } from '../../schema-types.js';

const balances = { totalBalance: DecimalOut(), availableBalance: DecimalOut(), pendingBalance: DecimalOut() };
const bank = { routingNumber: Nullable(Type.String()), accountNumber: Nullable(Type.String()), swiftCode: Nullable(Type.String()) };

export const CreatedAccount = Type.Object({ id: Type.Integer(), name: Type.String(), ...bank, reference: Nullable(Type.String()), asset: Type.String(), ...balances, bSuppressed: Type.Boolean() });

export const AccountDetail = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  name: Type.String(),
  ...bank,
  reference: Nullable(Type.String()),
  asset: Type.String(),
  ...balances,
  bSuppressed: Type.Boolean(),
  dateAdded: Type.String({ format: 'date-time' }),
});

export const AccountListItem = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  name: Type.String(),
  ...bank,
  virtualAccountNumber: Nullable(Type.String()),
  reference: Nullable(Type.String()),
  asset: Type.String(),
  assetDisplayName: Type.String(),
  ...balances,
  bSuppressed: Type.Boolean(),
  dateAdded: Type.String({ format: 'date-time' }),
});

export const BalanceItem = Type.Object({ id: Type.Integer(), asset: Type.String(), ...balances, bSuppressed: Type.Boolean() });
