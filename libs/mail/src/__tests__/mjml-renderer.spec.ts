import { MjmlRenderer, MjmlRenderError } from '../mjml-renderer.js';

const doc = (body: string) => `<mjml><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;

// MJML runs in a thread of its own so its memory leaves with the thread (see mjml-renderer.ts);
// what the boot checks rely on must still come back across the thread: the HTML and, for a broken
// template, every problem with its line.
describe('MJML in a worker thread', () => {
  const renderer = new MjmlRenderer();
  afterAll(() => renderer.close());

  it('renders, keeping the Handlebars placeholders', async () => {
    const html = await renderer.render(doc('<mj-text>Hello {{name}}</mj-text>'), { validationLevel: 'strict' });
    expect(html).toContain('Hello {{name}}');
  });

  it('reports strict-validation problems with their lines', async () => {
    const failed = await renderer.render(doc('\n<mj-bogus>x</mj-bogus>'), { validationLevel: 'strict' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(MjmlRenderError);
    expect((failed as MjmlRenderError).errors).toEqual([expect.objectContaining({ line: 2, tagName: 'mj-bogus' })]);
  });

  it('starts a new thread for a render after close', async () => {
    await renderer.close();
    await expect(renderer.render(doc('<mj-text>again</mj-text>'), {})).resolves.toContain('again');
  });
});
