import type { TestApp } from '../../../test/support/test-app.js';
import type { Jobseeker } from './refugeework.fixture.js';

/** Tiny files whose bytes are what they claim (the type is judged by content), each with a marker. */
export function sampleFiles(tag: string) {
  const markers = { photo: `PHOTO-${tag}`, video: `VIDEO-${tag}`, cv: `CV-${tag}` };
  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    Buffer.from([0xff, 0xfe, 0x00, 2 + markers.photo.length]),
    Buffer.from(markers.photo),
    Buffer.from([0xff, 0xd9]),
  ]);
  const mp4 = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2'),
    Buffer.from([0, 0, 0, 8 + markers.video.length]),
    Buffer.from(`free${markers.video}`),
  ]);
  const pdf = Buffer.from(`%PDF-1.4\n% ${markers.cv}\n%%EOF\n`);
  return { markers, files: { photo: { bytes: jpeg, name: 'amal.jpg', type: 'image/jpeg' }, video: { bytes: mp4, name: 'amal.mp4', type: 'video/mp4' }, cv: { bytes: pdf, name: 'amal-cv.pdf', type: 'application/pdf' } } };
}

/** Uploads through the real multipart route; returns the document id. */
export async function upload(t: TestApp, person: Jobseeker, field: string, file: { bytes: Buffer; name: string; type: string }): Promise<string> {
  const res = await t
    .http('post', `/profiles/me/documents/${field}`, { tenant: person.tenant.key, token: person.token })
    .attach('file', file.bytes, { filename: file.name, contentType: file.type });
  if (res.status !== 201 && res.status !== 200) throw new Error(`upload ${field}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
