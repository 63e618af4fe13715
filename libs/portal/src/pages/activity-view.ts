import type { PersonActivity } from '../../../activity/src/index.js';
import type { PageContext } from '../http/page.js';

/**
 * A person's recorded activity as the activity partial shows it, for the person ("my data") and
 * their coach (the dossier): what the tenant records, then each event, newest first. A mail is
 * named by its subject's key, never by where its link led. Null where nothing is recorded.
 */
export function activityView(ctx: PageContext, a: PersonActivity) {
  if (!a.recorded) return null;
  const what = (kind: string, mail: string | null) => ctx.t(`activity.${kind}`, { mail: mail ?? '' });
  return {
    keptDays: a.recorded.keptDays,
    signIns: a.recorded.signIns,
    mails: a.recorded.mails.join(', '),
    nudges: a.recorded.nudges.map((n) => n.key).join(', '),
    events: a.events.map((e) => ({ at: e.at, what: what(e.kind, e.mail) })),
    lastNudges: a.nudges,
  };
}
