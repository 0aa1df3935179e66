import { DomainError, notFound } from '../shared/domain-error.js';

export interface BankEntry {
  readonly swiftCode: string | null;
  readonly routingNumber: string | null;
  readonly bankName: string;
  readonly address: string | null;
  readonly city: string | null;
  readonly country: string | null;
}

/** Parses a bank directory file's text (`{"banks":[…]}`); throws a plain Error naming the problem. */
export function parseBankDirectory(text: string): BankEntry[] {
  const parsed = JSON.parse(text) as { banks?: unknown };
  if (!Array.isArray(parsed.banks)) throw new Error('bank directory: expected {"banks": [...]}');
  return parsed.banks.map((b, i) => {
    const e = b as Partial<BankEntry>;
    if (typeof e.bankName !== 'string') throw new Error(`bank directory: entry ${i} has no bankName`);
    return {
      swiftCode: e.swiftCode ?? null,
      routingNumber: e.routingNumber ?? null,
      bankName: e.bankName,
      address: e.address ?? null,
      city: e.city ?? null,
      country: e.country ?? null,
    };
  });
}

/** Bank lookup by SWIFT code (8 or 11 characters; the 8-character head matches a branch) or routing number. */
export class BankDirectory {
  constructor(private readonly entries: readonly BankEntry[]) {}

  lookup(query: { swiftCode?: string; routingNumber?: string }): BankEntry {
    if (query.swiftCode !== undefined) {
      const found = this.findBySwiftCode(query.swiftCode);
      if (found === undefined) throw notFound('SwiftCode');
      return found;
    }
    if (query.routingNumber !== undefined) {
      const found = this.entries.find((e) => e.routingNumber === query.routingNumber);
      if (found === undefined) throw notFound('RoutingNumber');
      return found;
    }
    throw new DomainError('Required', 'SwiftCode');
  }

  findBySwiftCode(swiftCode: string): BankEntry | undefined {
    const code = swiftCode.trim().toUpperCase();
    return this.entries.find((e) => e.swiftCode !== null && (e.swiftCode === code || e.swiftCode === code.slice(0, 8)));
  }

  /** The routing number of the bank with this SWIFT code, or null when the directory has none for it. */
  routingNumberOf(swiftCode: string): string | null {
    return this.findBySwiftCode(swiftCode)?.routingNumber ?? null;
  }
}
