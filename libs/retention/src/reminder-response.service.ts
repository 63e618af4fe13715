import { GoneException, Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { Clock } from '../../config/src/clock.js';
import { RequestContext } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/validation-problem.js';
import { ActivityService } from '../../privacy/src/activity.service.js';
import { RespondTokenService } from './respond-token.service.js';
import { RetentionService } from './retention.service.js';
import { RetentionStateStore } from './retention-state.store.js';

/** A click on the link in a reminder mail. */
@Injectable()
export class ReminderResponseService {
  constructor(
    private readonly db: TenantDb,
    private readonly tokens: RespondTokenService,
    private readonly retention: RetentionService,
    private readonly store: RetentionStateStore,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
  ) {}

  async respond(token: string | undefined): Promise<{ status: 'confirmed' | 'already-confirmed' }> {
    const claims = token ? this.tokens.verify(token) : null;
    if (!claims || claims.t !== RequestContext.tenant().id)
      throw new ValidationProblem([{ field: 'token', reason: 'is not a valid reminder link' }], 400);
    const outcome = await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const outcome = await this.retention.answerLink(tx, claims.p, claims.s, claims.a, now);
      if (outcome !== 'unknown') {
        const [state] = await this.store.forPerson(tx, claims.p);
        if (state) await this.activity.touch(claims.p, state.personKind, 'link-click', tx);
      }
      return outcome;
    });
    if (outcome === 'answered') return { status: 'confirmed' };
    if (outcome === 'already-answered') return { status: 'already-confirmed' };
    if (outcome === 'too-late')
      throw new GoneException('The period to answer this reminder has passed; sign in to activate your profile again');
    throw new GoneException('This link no longer applies');
  }
}
