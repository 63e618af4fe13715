import { deflateSync } from 'node:zlib';

/** A one-page PDF whose content stream shows the given text operators, Flate-compressed unless asked not to. */
export function pdfShowing(operators: string, opts: { compressed?: boolean } = {}): Buffer {
  const content = Buffer.from(`BT /F1 12 Tf 72 712 Td ${operators} ET`, 'latin1');
  const body = opts.compressed === false ? content : deflateSync(content);
  const filter = opts.compressed === false ? '' : ' /Filter /FlateDecode';
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n4 0 obj\n<< /Length ${body.length}${filter} >>\nstream\n`, 'latin1'),
    body,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}
