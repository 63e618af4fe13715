/**
 * The shape the JSON Resume schema (https://jsonresume.org/schema) gives the sections an export
 * fills, written out as checks: where a value is, it has the schema's type; dates follow its ISO
 * 8601 pattern; an e-mail address looks like one. Returns the problems found, empty when it fits.
 */
const DATE = /^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$/;
const SECTIONS: Record<string, { text: string[]; dates: string[] }> = {
  work: { text: ['name', 'location', 'description', 'position', 'url', 'summary'], dates: ['startDate', 'endDate'] },
  education: { text: ['institution', 'url', 'area', 'studyType', 'score'], dates: ['startDate', 'endDate'] },
  skills: { text: ['name', 'level'], dates: [] },
  languages: { text: ['language', 'fluency'], dates: [] },
};

export function jsonResumeProblems(doc: unknown): string[] {
  const out: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(doc)) return ['the resume is not an object'];
  if (doc.$schema !== undefined && typeof doc.$schema !== 'string') out.push('$schema must be a URI');
  const basics = doc.basics;
  if (basics !== undefined) {
    if (!isObject(basics)) out.push('basics must be an object');
    else {
      for (const k of ['name', 'label', 'image', 'email', 'phone', 'url', 'summary'])
        if (basics[k] !== undefined && typeof basics[k] !== 'string') out.push(`basics.${k} must be a string`);
      if (typeof basics.email === 'string' && !/^[^@\s]+@[^@\s]+$/.test(basics.email)) out.push('basics.email must be an e-mail address');
      if (basics.location !== undefined) {
        if (!isObject(basics.location)) out.push('basics.location must be an object');
        else
          for (const [k, v] of Object.entries(basics.location))
            if (typeof v !== 'string') out.push(`basics.location.${k} must be a string`);
      }
    }
  }
  for (const [section, { text, dates }] of Object.entries(SECTIONS)) {
    const list = doc[section];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out.push(`${section} must be an array`);
      continue;
    }
    list.forEach((item: unknown, i) => {
      if (!isObject(item)) return out.push(`${section}[${i}] must be an object`);
      for (const k of text) if (item[k] !== undefined && typeof item[k] !== 'string') out.push(`${section}[${i}].${k} must be a string`);
      for (const k of dates)
        if (item[k] !== undefined && (typeof item[k] !== 'string' || !DATE.test(item[k] as string)))
          out.push(`${section}[${i}].${k} must be an ISO 8601 date`);
    });
  }
  return out;
}
