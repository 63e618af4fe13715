import { pdfShowing } from '../../../../test/support/pdf.js';
import { documentText } from '../document-text.js';
import { refusedValueProblems } from '../refused-values.js';

describe('the text of an uploaded document, for the refused-value check', () => {
  it('reads the text a PDF shows, compressed or not, with escapes and kerned pieces', () => {
    const ops = String.raw`(Anouk Visser \(kok\)) Tj 0 -14 Td [(BSN 1112)-30(22333)] TJ (IBAN NL91 ABNA 0417 1643 00) Tj`;
    for (const compressed of [true, false]) {
      const text = documentText(pdfShowing(ops, { compressed }), 'application/pdf');
      expect(text).toContain('Anouk Visser (kok)');
      expect(text).toContain('BSN 111222333');
      expect(refusedValueProblems(['bsn', 'iban'], text, 'file').map((p) => p.reason.split(' (')[0])).toEqual([
        'contains what looks like a citizen service number',
        'contains what looks like a bank account number',
      ]);
    }
  });

  it('finds nothing to refuse in an ordinary CV, and reads nothing from a stream it cannot decode', () => {
    expect(refusedValueProblems(['bsn', 'iban', 'passport'], documentText(pdfShowing('(Kok, 12 jaar ervaring, tel 0612345678) Tj'), 'application/pdf'), 'file')).toEqual([]);
    const broken = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Length 5 /Filter /FlateDecode >>\nstream\nxxxxx\nendstream\nendobj\n', 'latin1');
    expect(documentText(broken, 'application/pdf')).toBe('');
    expect(documentText(Buffer.from('BSN 111222333'), 'image/png')).toBe('');
    expect(documentText(Buffer.from('BSN 111222333'), 'text/plain')).toBe('BSN 111222333');
  });
});
