import { ChatService, SendMessageDto } from '../../../connections/src/index.js';
import { assertValidBody } from '../../../http/src/index.js';
import { connectionsOffered } from '../http/navigation.js';
import { uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { finishForm, input, type FormProblems } from '../forms/form-model.js';
import { problemsOf } from './form-page.js';

/**
 * The conversation of one connection (statement 000: employer and jobseeker talk once the person
 * accepted), on the same use case as `GET/POST /connections/:id/messages`: only the two parties,
 * anyone else finds no page (404). Oldest message first, as a conversation reads; a plain form.
 */
async function chat(ctx: PageContext, body = '', problems: FormProblems | null = null) {
  const id = uuidParam(ctx, 'id');
  const messages = await ctx.services.get(ChatService).read(ctx.actor, id, { limit: 100 });
  const fields = [input('body', ctx.t('chat.message'), 'textarea', { value: body, required: true, maxlength: 4000, rows: 4 })];
  const errors = finishForm(fields, problems, () => ctx.t('chat.message'), ctx.locale);
  return ctx.render(
    'pages/chat',
    ctx.t('chat.title'),
    {
      messages: [...messages].reverse().map((m) => ({ ...m, who: ctx.t(m.mine ? 'chat.you' : m.from === 'employer' ? 'chat.employer' : 'chat.candidate') })),
      action: `${ctx.base}/connections/${id}/chat`,
      fields,
      errors,
    },
    errors.length ? 422 : 200,
  );
}

/** As `POST /connections/:id/messages`: the same DTO check and use case; a refusal comes back next to the field. */
async function send(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const body = { body: ctx.form.body ?? '' };
  try {
    assertValidBody(SendMessageDto, body);
    await ctx.services.get(ChatService).post(ctx.actor, id, body.body);
  } catch (err) {
    return chat(ctx, body.body, problemsOf(err, ctx));
  }
  return ctx.redirect(`/connections/${id}/chat`, 'message-sent');
}

export const chatPages: readonly PageRoute[] = [
  { method: 'GET', path: '/connections/:id/chat', access: ['employer', 'jobseeker'], offered: connectionsOffered, handler: (ctx) => chat(ctx) },
  { method: 'POST', path: '/connections/:id/chat', access: ['employer', 'jobseeker'], offered: connectionsOffered, handler: send },
];
