import type { PageRoute } from '../http/page.js';
import { mailboxPages } from '../dev/mailbox.pages.js';
import { accountPages } from './account.pages.js';
import { alertPages } from './alerts.pages.js';
import { chatPages } from './chat.pages.js';
import { employerPages } from './employer.pages.js';
import { jobseekerPages } from './jobseeker.pages.js';
import { myDataPages } from './my-data.pages.js';
import { policiesPages } from './policies.pages.js';
import { publicPages } from './public.pages.js';
import { rightsPages } from './rights.pages.js';
import { requestPages } from './requests.pages.js';
import { staffPages } from './staff.pages.js';
import { tenantPages } from './tenant.pages.js';

/**
 * Every page of the portal, under /t/<tenant>. The development mailbox is only there when mail
 * stays on the machine; in production its routes do not exist at all.
 */
export function portalRoutes(opts: { mailbox: boolean }): PageRoute[] {
  return [
    ...publicPages,
    ...accountPages,
    ...jobseekerPages,
    ...alertPages,
    ...rightsPages,
    ...myDataPages,
    ...employerPages,
    ...chatPages,
    ...staffPages,
    ...policiesPages,
    ...requestPages,
    ...tenantPages,
    ...(opts.mailbox ? mailboxPages : []),
  ];
}
