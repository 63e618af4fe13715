import {
  addMonths,
  addWorkingDays,
  dueDate,
  extendedDueDate,
  isPublicHoliday,
  localDate,
} from '../deadlines.js';

describe('deadlines of data-subject requests', () => {
  it('one month is counted as the law counts it: the same date next month, else the last day of that month', () => {
    expect(addMonths('2027-03-15', 1)).toBe('2027-04-15');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-12-20', 1)).toBe('2028-01-20');
    expect(dueDate('2027-08-31', { deciders: ['staff'] })).toBe('2027-09-30');
  });

  it('an extension gives two further months: three months from receipt in all', () => {
    expect(extendedDueDate('2027-01-31')).toBe('2027-04-30');
    expect(extendedDueDate('2027-11-30')).toBe('2028-02-29');
  });

  it('a promise of 10 working days skips weekends and Dutch public holidays: Koningsdag, 5 May and Ascension 2027', () => {
    // Received Wednesday 21 April 2027. Not counted: 24/25 April (weekend), 27 April (Koningsdag),
    // 1/2 May, 5 May (Bevrijdingsdag, Algemene termijnenwet), 6 May (Ascension: Easter 28 March + 39), 8/9 May.
    const promise = {
      deciders: ['staff'] as const,
      promiseWorkingDays: 10,
      holidays: 'NL' as const,
    };
    expect(dueDate('2027-04-21', promise)).toBe('2027-05-10');
    // Without the holidays the same count ends three working days earlier.
    expect(addWorkingDays('2027-04-21', 10, 'XX')).toBe('2027-05-05');
  });

  it('knows the Dutch holidays of other years too (Easter moves), and not a working day that is none', () => {
    for (const d of [
      '2026-04-06',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
      '2026-01-01',
      '2026-04-27',
      '2026-05-05',
    ])
      expect([d, isPublicHoliday('NL', d)]).toEqual([d, true]);
    for (const d of ['2026-04-03', '2026-04-07', '2026-05-04'])
      expect([d, isPublicHoliday('NL', d)]).toEqual([d, false]);
    // Koningsdag on a Sunday (27 April 2025) is kept on Saturday 26 April.
    expect(isPublicHoliday('NL', '2025-04-26')).toBe(true);
  });

  it('a request counts from the Dutch calendar day it arrived, whatever the UTC date', () => {
    expect(localDate(new Date('2027-04-20T22:30:00Z'))).toBe('2027-04-21');
    expect(localDate(new Date('2027-01-31T22:59:00Z'))).toBe('2027-01-31');
  });
});
