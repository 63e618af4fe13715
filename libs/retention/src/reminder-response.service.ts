import { GoneException, Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { RespondTokenService, type RespondClaims } from './respond-token.service.js';
import { RetentionService } from './retention.service.js';
import { RetentionStateStore } from './retention-state.store.js';

/** An answer to a reminder: the button on the page the reminder's link opens. */
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

  /** The link's claims, when it was signed by this server for the tenant called; a 400 otherwise. Reads nothing. */
  verify(token: string | undefined): RespondClaims {
    const claims = token ? this.tokens.verify(token) : null;
    if (!claims || claims.t !== RequestContext.tenant().id)
      throw new ValidationProblem([{ field: 'token', reason: 'is not a valid reminder link' }], 400);
    return claims;
  }

  async respond(token: string | undefined): Promise<{ status: 'confirmed' | 'already-confirmed' }> {
    const claims = this.verify(token);
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
