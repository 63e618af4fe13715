import { createHash } from 'node:crypto';

/** Addresses compare case-insensitively in practice; the local part's case is never meaningful to us. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

// Deliberately simple: one @, no spaces or angle brackets, a dotted domain. The SMTP server has the last word.
const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;

export function isDeliverableAddress(address: unknown): address is string {
  return typeof address === 'string' && address.length <= 254 && ADDRESS.test(address.trim());
}

/**
 * The key suppressions are stored under: a tenant-salted SHA-256 of the normalised address, so the
 * list can honour an opt-out after the person is erased without keeping their address readable.
 * Not keyed on a secret on purpose: rotating a secret must never silently re-subscribe anyone.
 */
export function addressHash(tenantId: string, address: string): string {
  return createHash('sha256').update(`${tenantId}:${normaliseAddress(address)}`).digest('hex');
}
