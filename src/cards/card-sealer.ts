/**
 * How card data is kept at rest: sealed by the vault (AES-256-GCM under CARD_DATA_KEY, bound to
 * `context`), opened only for sensitive-details. The vault module's `cardVault` is the implementation.
 */
export interface CardSealer {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}
