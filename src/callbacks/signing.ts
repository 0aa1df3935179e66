import { createHash, createHmac } from 'node:crypto';

/** Ibanera's signature: `webhook-signature: base64(sha256(body + hashSecret))` (spec §5, §8.16). */
export function ibaneraSignature(body: string, hashSecret: string): string {
  return createHash('sha256')
    .update(body + hashSecret, 'utf8')
    .digest('base64');
}

/**
 * Our stronger, timestamped signature (Standard Webhooks' scheme): `v1,` + base64 of
 * HMAC-SHA256 keyed with the hash secret over `<id>.<timestamp>.<body>`, so a receiver can reject
 * replays of old deliveries by their timestamp.
 */
export function timestampedSignature(id: string, timestampSeconds: number, body: string, hashSecret: string): string {
  return `v1,${createHmac('sha256', hashSecret).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64')}`;
}

export const SIGNATURE_HEADER = 'webhook-signature';
export const TIMESTAMPED_ID_HEADER = 'x-webhook-id';
export const TIMESTAMPED_TIMESTAMP_HEADER = 'x-webhook-timestamp';
export const TIMESTAMPED_SIGNATURE_HEADER = 'x-webhook-signature';

export function signatureHeaders(id: string, body: string, hashSecret: string, nowMs: number): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    [SIGNATURE_HEADER]: ibaneraSignature(body, hashSecret),
    [TIMESTAMPED_ID_HEADER]: id,
    [TIMESTAMPED_TIMESTAMP_HEADER]: String(timestamp),
    [TIMESTAMPED_SIGNATURE_HEADER]: timestampedSignature(id, timestamp, body, hashSecret),
  };
}
