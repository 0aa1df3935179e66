import { Type } from '@sinclair/typebox';
import { IdField, Nullable, StringField } from '../../schema-types.js';

const text = (maxLength: number) => Type.Optional(StringField({ maxLength }));

/** Payee fields as Ibanera's clients send them (inline in a transfer, or saved). */
export const payeeFields = {
  TransferType: text(10),
  PayeeType: text(20),
  Type: text(20),
  Name: text(140),
  AccountName: text(140),
  AccountNumber: text(34),
  RoutingNumber: text(9),
  SwiftCode: text(11),
  IntermediaryBic: text(11),
  Iban: text(42),
  CountryCode: text(3),
  AddressLine1: text(140),
  TownCity: text(100),
  Postcode: text(20),
  State: text(100),
};

export const CreatePayeeBody = Type.Object({ CustomersId: IdField(), CustomerAssetAccountsId: Type.Optional(IdField()), ...payeeFields });
export const EditPayeeBody = Type.Object({ PayeesId: IdField(), CustomerAssetAccountsId: Type.Optional(IdField()), ...payeeFields });

const t = () => Nullable(Type.String());
export const PayeeView = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  customerAssetAccountsId: Nullable(Type.Integer()),
  payeeType: Type.String({ enum: ['Personal', 'Company'] }),
  transferType: Type.String({ enum: ['ACH', 'WIRE', 'SWIFT'] }),
  name: Type.String(),
  accountName: t(),
  accountNumber: t(),
  routingNumber: t(),
  swiftCode: t(),
  intermediaryBic: t(),
  iban: t(),
  countryCode: Type.String(),
  addressLine1: t(),
  townCity: t(),
  postcode: t(),
  state: t(),
  dateAdded: Type.String({ format: 'date-time' }),
});
