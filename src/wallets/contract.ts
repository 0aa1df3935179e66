import { Type, type Static } from '@sinclair/typebox';
import { pagingQueryFields } from '../shared/contract-envelope.js';
import { AmountField, BooleanField, DecimalOut, IdField, Nullable, StringField } from '../shared/contract-fields.js';

/** Saved crypto wallets and the v2 withdrawals (decisions-modules.md, "Crypto wallets and withdrawals"). */
export const WALLET_NAME_LENGTH_MAX = 100;
/** As the v1 withdrawal (accounts' DESTINATION_ADDRESS_LENGTH_MAX). */
export const WALLET_ADDRESS_LENGTH_MAX = 100;

const name = () => StringField({ maxLength: WALLET_NAME_LENGTH_MAX });
const address = () => StringField({ maxLength: WALLET_ADDRESS_LENGTH_MAX });
const assetCode = (description: string) => Type.Optional(StringField({ maxLength: 20, description }));

export const CreateWalletBody = Type.Object({
  CustomersId: Type.Optional(IdField({ description: 'The customer the wallet is saved for (you or a managee); you by default.' })),
  Asset: assetCode('The asset code (BTC, ETH, USDC…). Required unless AssetsId is given.'),
  AssetsId: assetCode('The same asset code (this server gives assets no numeric id); an alias of Asset.'),
  Name: name(),
  Address: address(),
});
export type CreateWalletBody = Static<typeof CreateWalletBody>;

export const EditWalletBody = Type.Object({ WalletId: IdField(), Name: Type.Optional(name()), Address: Type.Optional(address()) });
export type EditWalletBody = Static<typeof EditWalletBody>;
export const WalletIdBody = Type.Object({ WalletId: IdField() });
export const ListWalletsQuery = Type.Object({
  CustomersId: Type.Optional(IdField()),
  Asset: Type.Optional(StringField({ maxLength: 20 })),
  ...pagingQueryFields,
});

export const WalletView = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  asset: Type.String(),
  name: Type.String(),
  address: Type.String(),
  dateAdded: Type.String({ format: 'date-time' }),
});
export type WalletView = Static<typeof WalletView>;
export const DeletedWallet = Type.Object({ walletId: Type.Integer(), bDeleted: Type.Boolean() });

export const WithdrawV2Body = Type.Object({
  AccountsId: IdField(),
  Amount: AmountField(),
  DestinationAddress: address(),
  bSaveWallet: Type.Optional(BooleanField({ description: 'Also save the address as a wallet (WalletName required), in the same transaction.' })),
  WalletName: Type.Optional(name()),
});
export type WithdrawV2Body = Static<typeof WithdrawV2Body>;

export const WithdrawToSavedWalletBody = Type.Object({ AccountsId: IdField(), Amount: AmountField(), WalletId: IdField() });
export type WithdrawToSavedWalletBody = Static<typeof WithdrawToSavedWalletBody>;

export const WithdrawalV2Result = Type.Object({
  id: Type.Integer(),
  accountsId: Type.Integer(),
  amount: DecimalOut(),
  description: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
  bPending: Type.Boolean(),
  walletId: Nullable(Type.Integer()),
});
