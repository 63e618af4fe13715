import type { RetentionSchedule } from '../../../plugin-api/src/index.js';
import { addPeriod } from '../period.js';
import { plan, projectTimeline, resolveSchedule } from '../schedule-plan.js';

const at = (iso: string) => new Date(iso);

/** Statement 000's jobseeker schedule: a reminder after a year, then monthly, deletion at 18 months. */
const refugeeLike: RetentionSchedule = {
  key: 'jobseeker',
  personKind: 'jobseeker',
  anchor: 'last-interaction',
  reminders: [{ kind: 'repeat', from: { months: 12 }, every: { months: 1 }, times: 6, template: 'account-deletion-reminder' }],
  respondedBy: ['any-interaction'],
  finalAt: { months: 18 },
  finalAction: 'delete',
  promise: 'deleted 1.5 years after the last interaction, with monthly reminders in the last six months',
};

const listing: RetentionSchedule = {
  key: 'listing',
  personKind: 'jobseeker',
  anchor: 'activation',
  reminders: [{ kind: 'once', at: { months: 12 }, template: 'profile-reconfirm' }],
  respondedBy: ['link-click'],
  finalAt: { months: 12, days: 30 },
  finalAction: 'inactivate',
  adjustableBy: ['reconfirmWindowDays'],
  promise: 'listed a year; then a mail; inactivated without a click',
};
const windowSetting = {
  key: 'reconfirmWindowDays',
  label: 'window',
  type: 'integer' as const,
  default: 30,
  min: 7,
  max: 90,
  unit: 'days' as const,
};

describe('calendar arithmetic', () => {
  it('one year after 29 February is 28 February, and a month after 31 January is the last day of February', () => {
    expect(addPeriod(at('2028-02-29T10:00:00Z'), { years: 1 })).toEqual(at('2029-02-28T10:00:00Z'));
    expect(addPeriod(at('2026-01-31T10:00:00Z'), { months: 1 })).toEqual(at('2026-02-28T10:00:00Z'));
    expect(addPeriod(at('2026-01-01T00:00:00Z'), { months: 12, days: 30 })).toEqual(at('2027-01-31T00:00:00Z'));
  });
});

describe('planning one person through a schedule', () => {
  const s = resolveSchedule(refugeeLike, [], {});
  const anchorAt = at('2026-01-15T12:00:00Z');

  it('expands a repeated reminder into its steps', () => {
    expect(s.steps.map((x) => x.at.months)).toEqual([12, 13, 14, 15, 16, 17]);
  });

  it('waits until the first reminder is due', () => {
    expect(plan(s, { anchorAt, nextStep: 0, deadlineAt: null }, at('2026-06-01T00:00:00Z'))).toEqual({
      kind: 'wait',
      nextDueAt: at('2027-01-15T12:00:00Z'),
    });
  });

  it('sends the reminder that is due and names the next one as the next due moment', () => {
    const d = plan(s, { anchorAt, nextStep: 0, deadlineAt: null }, at('2027-01-15T12:00:00Z'));
    expect(d).toMatchObject({ kind: 'remind', step: 0, skipped: 0, nextDueAt: at('2027-02-15T12:00:00Z') });
    expect(d.kind === 'remind' && d.deadline).toEqual(at('2027-07-15T12:00:00Z'));
  });

  it('after a week of downtime sends only the one reminder now due, never the missed ones in a row', () => {
    const d = plan(s, { anchorAt, nextStep: 0, deadlineAt: null }, at('2027-04-20T12:00:00Z'));
    expect(d).toMatchObject({ kind: 'remind', step: 3, skipped: 3 });
  });

  it('never deletes without notice: a person whose deletion fell due while no sweep ran first gets the last reminder', () => {
    const late = at('2027-09-01T00:00:00Z');
    const d = plan(s, { anchorAt, nextStep: 0, deadlineAt: null }, late);
    expect(d).toMatchObject({ kind: 'remind', step: 5, skipped: 5 });
    // The last reminder gives a month (15 June to 15 July = 30 days); sent late, that month counts from the sending.
    const deadline = (d as { deadline: Date }).deadline;
    expect(deadline).toEqual(at('2027-10-01T00:00:00Z'));
    expect(plan(s, { anchorAt, nextStep: 6, deadlineAt: deadline }, new Date(deadline.getTime() - 1))).toMatchObject({ kind: 'wait' });
    expect(plan(s, { anchorAt, nextStep: 6, deadlineAt: deadline }, deadline)).toEqual({ kind: 'final', action: 'delete' });
  });

  it('runs the final action once every reminder went out and the time has come', () => {
    expect(plan(s, { anchorAt, nextStep: 6, deadlineAt: null }, at('2027-07-15T12:00:00Z'))).toEqual({ kind: 'final', action: 'delete' });
  });

  it('projects the whole timeline for the forecast', () => {
    const events = projectTimeline(s, { anchorAt, nextStep: 0, deadlineAt: null }, at('2026-02-01T00:00:00Z'));
    expect(events.map((e) => e.kind)).toEqual(['reminder', 'reminder', 'reminder', 'reminder', 'reminder', 'reminder', 'delete']);
    expect(events[6].at).toEqual(at('2027-07-15T12:00:00Z'));
  });
});

describe('a setting that moves the response window', () => {
  it('puts the final action the set number of days after the reminder, and a new value changes the fingerprint', () => {
    const thirty = resolveSchedule(listing, [windowSetting], { reconfirmWindowDays: 30 });
    const fourteen = resolveSchedule(listing, [windowSetting], { reconfirmWindowDays: 14 });
    const anchorAt = at('2026-03-01T09:00:00Z');
    const remind = (s: typeof thirty) => plan(s, { anchorAt, nextStep: 0, deadlineAt: null }, at('2027-03-01T09:00:00Z'));
    expect(remind(thirty)).toMatchObject({ kind: 'remind', deadline: at('2027-03-31T09:00:00Z') });
    expect(remind(fourteen)).toMatchObject({ kind: 'remind', deadline: at('2027-03-15T09:00:00Z') });
    expect(thirty.fingerprint).not.toEqual(fourteen.fingerprint);
  });

  it('never runs the final action before the deadline a reminder already stated, even when the window is shortened', () => {
    const fourteen = resolveSchedule(listing, [windowSetting], { reconfirmWindowDays: 14 });
    const anchorAt = at('2026-03-01T09:00:00Z');
    const promised = at('2027-03-31T09:00:00Z');
    expect(plan(fourteen, { anchorAt, nextStep: 1, deadlineAt: promised }, at('2027-03-20T09:00:00Z'))).toEqual({
      kind: 'wait',
      nextDueAt: promised,
    });
  });
});
