import { DomainError } from '../shared/domain-error.js';

/**
 * The docs spell one id several ways (`CardId`, `CardsId`/`cardsId`, `TopUpCardsId`;
 * `CustomersId`, `CustomerId`). Each spelling is an optional field of the contract; the request
 * must give one, and spellings given together must agree.
 */
function oneOf(values: readonly (readonly [string, number | undefined | null])[], documented: string, required: boolean): number | undefined {
  const given = values.filter((v): v is readonly [string, number] => typeof v[1] === 'number' && v[1] !== 0);
  const first = given[0];
  if (first === undefined) {
    if (required) throw new DomainError('Required', documented);
    return undefined;
  }
  const clash = given.find((v) => v[1] !== first[1]);
  if (clash !== undefined) throw new DomainError('Invalid', clash[0]);
  return first[1];
}

/** The one card several fields name (each optional); fields given together must agree. */
export function oneCardId(values: readonly (readonly [string, number | undefined | null])[]): number | undefined {
  return oneOf(values, values[0]?.[0] ?? 'CardsId', false);
}

export interface CardIdSpellings {
  readonly CardId?: number | undefined;
  readonly CardsId?: number | undefined;
  readonly TopUpCardsId?: number | undefined;
}

/** The card a request names, under whichever documented spelling; `documented` names it in a `Required`. */
export function cardIdOf(input: CardIdSpellings, documented: keyof CardIdSpellings): number {
  return oneOf(
    [
      ['CardId', input.CardId],
      ['CardsId', input.CardsId],
      ['TopUpCardsId', input.TopUpCardsId],
    ],
    documented,
    true,
  ) as number;
}

export interface CustomerIdSpellings {
  readonly CustomersId?: number | undefined;
  readonly CustomerId?: number | undefined;
}

export function customerIdOf(input: CustomerIdSpellings, required: boolean): number | undefined {
  return oneOf(
    [
      ['CustomersId', input.CustomersId],
      ['CustomerId', input.CustomerId],
    ],
    'CustomersId',
    required,
  );
}
