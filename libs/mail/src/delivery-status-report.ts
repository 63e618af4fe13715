import type { BounceKind, BounceNotice } from './mail-bounces.service.js';

/** Header-style fields of one block ("Name: value", continuation lines folded in). */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      out.set(last, `${out.get(last)} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (m) {
      last = m[1].toLowerCase();
      out.set(last, m[2].trim());
    }
  }
  return out;
}

/**
 * Only an address that does not exist (RFC 3463 5.1.x, or 5.2.1 "mailbox disabled") counts as a
 * hard bounce: statement 003 deletes a profile on it, and a full mailbox or a spam filter is no
 * reason to delete anyone's profile. Other permanent failures are noted as soft.
 */
export function bounceKindOf(action: string, status: string | null): BounceKind {
  if (action.toLowerCase() !== 'failed' || !status) return 'soft-bounce';
  return /^5\.1\.\d{1,3}$/.test(status) || status === '5.2.1' ? 'hard-bounce' : 'soft-bounce';
}

/**
 * The per-recipient verdicts of an RFC 3464 delivery-status notification, given the report
 * (multipart/report) or only its message/delivery-status part. The original Message-ID comes from
 * the returned headers, the last Message-ID in the text (the report's own, if present, comes first).
 */
export function parseDeliveryStatusReport(raw: string): BounceNotice[] {
  const ids = [...raw.matchAll(/^Message-ID:\s*(<[^>\s]+>)/gim)].map((m) => m[1]);
  const messageIdHeader = ids.length ? ids[ids.length - 1] : null;
  const notices: BounceNotice[] = [];
  for (const block of raw.split(/\r?\n[ \t]*\r?\n/)) {
    const f = fields(block);
    const recipient = f.get('final-recipient') ?? f.get('original-recipient');
    const action = f.get('action');
    if (!recipient || !action) continue;
    const address = recipient.replace(/^rfc822;\s*/i, '').replace(/^<|>$/g, '').trim();
    const status = /^(\d\.\d{1,3}\.\d{1,3})/.exec(f.get('status') ?? '')?.[1] ?? null;
    if (!address.includes('@')) continue;
    if (action.toLowerCase() !== 'failed' && action.toLowerCase() !== 'delayed') continue;
    notices.push({ kind: bounceKindOf(action, status), address, status, messageIdHeader });
  }
  return notices;
}
