import type { MessageKey } from './en.js';

/** Pashto: the words of the layout; the rest falls back to English. */
export const ps: Partial<Record<MessageKey, string>> = {
  'site.skip': 'اصلي منځپانګې ته لاړ شئ',
  'site.menu': 'اصلي مینو',
  'site.language': 'ژبه',
  'site.choose-language': 'یوه ژبه وټاکئ',
  'site.sign-in': 'ننوتل',
  'site.sign-out': 'وتل',
  'site.register': 'حساب جوړ کړئ',
  'site.accessibility': 'د لاسرسي بیان',
  'site.privacy': 'د محرمیت بیان',
  'site.cookies': 'د کوکي ترتیبات',
  'site.save': 'خوندي کړئ',
  'site.search': 'لټون',
  'nav.home': 'کور',
  'nav.vacancies': 'دندې',
  'nav.profile': 'زما پروفایل',
  'home.title': '{name} ته ښه راغلاست',
  'sign-in.title': 'ننوتل',
  'sign-in.submit': 'ننوتل',
};
