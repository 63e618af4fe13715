import type { ApplicationStatus } from './application.dto.js';
import type { ApplicationAudience } from './application-audience.js';

export interface ApplicationDocumentRef {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
}

export interface ApplicationView {
  id: string;
  vacancy: { id: string; title: string; employer: string };
  /** `id` only for the applicant and staff: see toApplicationView. */
  applicant: { id?: string; name: string; email: string };
  motivation: string;
  status: ApplicationStatus;
  submittedAt: Date;
  updatedAt: Date;
  documents: ApplicationDocumentRef[];
  history: { status: ApplicationStatus; at: Date }[];
}

export interface ApplicationRow {
  id: string;
  vacancy_id: string;
  vacancy_title: string;
  employer_name: string;
  applicant_id: string;
  applicant_name: string;
  applicant_email: string;
  motivation: string;
  status: ApplicationStatus;
  submitted_at: Date;
  updated_at: Date;
  audience: ApplicationAudience;
  documents: { id: string; fileName: string; contentType: string; byteSize: number }[];
  history: { status: ApplicationStatus; at: string }[];
}

/**
 * An application with its vacancy, applicant, attached documents and status history. The caller
 * adds `audience` (reader's role, see application-audience.ts) and the WHERE on `a`.
 */
export const applicationSelect = (audience: string) => `
  SELECT a.id, a.vacancy_id, v.title AS vacancy_title, o.name AS employer_name,
         a.applicant_id, acc.display_name AS applicant_name, acc.email AS applicant_email,
         a.motivation, a.status, a.submitted_at, a.updated_at, ${audience} AS audience,
         COALESCE((
           SELECT json_agg(json_build_object('id', d.id, 'fileName', d.original_name, 'contentType', d.content_type,
                                             'byteSize', d.byte_size) ORDER BY d.created_at, d.id)
             FROM application_documents ad
             JOIN profile_documents d ON d.tenant_id = ad.tenant_id AND d.id = ad.document_id
            WHERE ad.tenant_id = a.tenant_id AND ad.application_id = a.id), '[]'::json) AS documents,
         (SELECT json_agg(json_build_object('status', h.status, 'at', h.at) ORDER BY h.at, h.id)
            FROM application_status_history h
           WHERE h.tenant_id = a.tenant_id AND h.application_id = a.id) AS history
    FROM applications a
    JOIN vacancies v ON v.tenant_id = a.tenant_id AND v.id = a.vacancy_id
    JOIN org_units o ON o.tenant_id = v.tenant_id AND o.id = v.org_unit_id
    JOIN accounts acc ON acc.tenant_id = a.tenant_id AND acc.id = a.applicant_id`;

export function toApplicationView(r: ApplicationRow): ApplicationView {
  return {
    id: r.id,
    vacancy: { id: r.vacancy_id, title: r.vacancy_title, employer: r.employer_name },
    // A recruiter gets the applicant's name and address, not the person's id: the id would tie the
    // applicant to their anonymous listing in the candidate bank (statement 001's anonymity).
    applicant:
      r.audience === 'contact' || r.audience === 'manager'
        ? { name: r.applicant_name, email: r.applicant_email }
        : { id: r.applicant_id, name: r.applicant_name, email: r.applicant_email },
    motivation: r.motivation,
    status: r.status,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
    documents: r.documents,
    history: (r.history ?? []).map((h) => ({ status: h.status, at: new Date(h.at) })),
  };
}
