import type { CoreProcessingActivityId } from './processing-activities.js';

/**
 * The processing activity of every audit action the core writes. `AuditEntry.action` is typed by
 * these keys, so a core action without an activity does not compile; tenants map their own in
 * `processing.auditActions` and may not reuse these names.
 */
export const CORE_AUDIT_ACTIVITIES = {
  'account.create': 'account-administration',
  'account.invite': 'account-administration',
  'account.password-reset': 'account-administration',
  'account.registration-attempt': 'account-administration',
  'account.revoke': 'account-administration',
  'account.sign-in': 'account-administration',
  'account.update': 'account-administration',
  'account.verify-email': 'account-administration',
  'employer-manager.designate': 'account-administration',
  'employer-manager.revoke': 'account-administration',

  'tenant.create': 'platform-administration',
  'setting.change': 'platform-administration',
  'org-unit.create': 'platform-administration',
  'org-unit-delegation.grant': 'platform-administration',
  'org-unit-delegation.revoke': 'platform-administration',
  'org-unit-delegation.use': 'platform-administration',

  'profile.register': 'candidate-profile',
  'profile.enrol': 'candidate-profile',
  'profile.update': 'candidate-profile',
  'profile.read': 'candidate-profile',
  'profile.move': 'candidate-profile',
  'profile.withdraw': 'candidate-profile',
  'profile.activate': 'candidate-profile',
  'profile.anonymise': 'candidate-profile',
  'profile.inactivate': 'candidate-profile',
  'profile.visibility': 'candidate-profile',
  'profile.document.add': 'candidate-profile',
  'profile.document.read': 'candidate-profile',
  'profile.document.delete': 'candidate-profile',

  'search.run': 'candidate-search',

  'vacancy.create': 'job-applications',
  'vacancy.update': 'job-applications',
  'application.submit': 'job-applications',
  'application.read': 'job-applications',
  'application.document.read': 'job-applications',
  'application.status': 'job-applications',
  'application.withdraw': 'job-applications',

  'connection.request': 'connections',
  'connection.accept': 'connections',
  'connection.decline': 'connections',
  'connection.withdraw': 'connections',
  'connection.list': 'connections',
  'connection.chat.read': 'connections',
  'connection.message.send': 'connections',

  'alert.subscribe': 'vacancy-alerts',
  'alert.confirm': 'vacancy-alerts',
  'alert.add': 'vacancy-alerts',
  'alert.update': 'vacancy-alerts',
  'alert.remove': 'vacancy-alerts',

  'mail.preferences': 'mail-communication',
  'mail.unsubscribe': 'mail-communication',
  'mail.hard-bounce': 'mail-communication',
  'mail.complaint': 'mail-communication',

  'consent.grant': 'consent-administration',
  'consent.withdraw': 'consent-administration',

  'activity.read': 'activity-follow-up',
  'activity.nudge': 'activity-follow-up',

  'retention.reminder': 'retention',
  'retention.answer': 'retention',
  'retention.hold-place': 'retention',
  'retention.hold-extend': 'retention',
  'retention.hold-release': 'retention',
  // The platform's one erasure: retention's by default; a rights request's erasure names its own.
  'person.erase': 'retention',
  'person.anonymise': 'retention',
  'person.inactivate': 'retention',

  'person.export': 'data-subject-rights',
  'rights.request.receive': 'data-subject-rights',
  'rights.request.status': 'data-subject-rights',
  'rights.request.extend': 'data-subject-rights',
  'rights.request.escalate': 'data-subject-rights',
  'rights.request.remind': 'data-subject-rights',
  'rights.export.build': 'data-subject-rights',
  'rights.export.download': 'data-subject-rights',
  'rights.processing.lift': 'data-subject-rights',
  'rights.processing.lift-announce': 'data-subject-rights',
  'rights.processing.lift-cancel': 'data-subject-rights',
  'rights.processing.hold': 'data-subject-rights',
} as const satisfies Readonly<Record<string, CoreProcessingActivityId>>;

export type CoreAuditAction = keyof typeof CORE_AUDIT_ACTIVITIES;
export const CORE_AUDIT_ACTIONS = Object.keys(CORE_AUDIT_ACTIVITIES) as readonly CoreAuditAction[];
